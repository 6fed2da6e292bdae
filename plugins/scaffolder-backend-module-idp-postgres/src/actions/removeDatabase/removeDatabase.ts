import { InputError } from '@backstage/errors';
import {
  assertValidDatabaseRef,
  databaseEntityRef,
  databaseTabPath,
  parseChartVersion,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { findDatabaseDefinition } from '../../definition/findDefinition';
import { unifiedDiff } from '../../workspace/diff';
import { applyPlannedChanges } from '../../workspace/files';
import { shown } from '../../workspace/paths';
import { IdpPostgresActionOptions } from '../actionOptions';
import { assertMaxLengths } from '../inputRules';
import { databaseLinkOutputs, fields } from '../schemaFields';
import { removalConsequence } from './consequence';
import { examples } from './removeDatabase.examples';
import { planRemoval } from './planRemoval';

const LIMITS = { namespace: 63, name: 63, confirmName: 63 };

/** Throws unless the typed confirmation is the database's name. */
export function assertConfirmed(confirmName: unknown, name: string) {
  if (confirmName !== name) {
    throw new InputError(
      `The confirmation "${shown(
        String(confirmName ?? ''),
      )}" is not the database name "${name}"; type the name exactly to confirm.`,
    );
  }
}

/**
 * Creates the `idp:postgres:remove-database` action, which takes a
 * database's definition out of the apps repo workspace and says what
 * merging that will do.
 *
 * @public
 */
export function createRemoveDatabaseAction(_options: IdpPostgresActionOptions) {
  return createTemplateAction({
    id: 'idp:postgres:remove-database',
    description:
      "Removes a database's definition from the namespace folder fetched into the workspace: the whole folder's files when it defines only this database (listed in filesToDelete for publish:github:pull-request), else its entry and catalog Resource. Outputs what merging will do, which depends on deletion protection.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        namespace: z =>
          fields.namespace(
            z,
            'Namespace of the database; its apps repo folder must be in the workspace at `<namespace>/`.',
          ),
        name: z => fields.databaseName(z, 'Name of the database to remove.'),
        confirmName: z =>
          z
            .string()
            .max(LIMITS.confirmName)
            .describe('The database name typed again, to confirm.'),
      },
      output: {
        protected: z =>
          z
            .boolean()
            .describe(
              'Whether the definition protects the database, which then outlives the removal.',
            ),
        consequence: z =>
          z
            .string()
            .describe('What merging the removal does, in a few sentences.'),
        diff: z =>
          z.string().describe('Unified diff of every changed or deleted file.'),
        filesToDelete: z =>
          z
            .array(z.string())
            .describe(
              "Files deleted from the workspace, as repository paths (the workspace mirrors the apps repo), for publish:github:pull-request's filesToDelete when publishing from the workspace root without targetPath; empty when the folder keeps other databases.",
            ),
        ...databaseLinkOutputs,
        targetPath: z =>
          z.string().describe('The definition folder, `<namespace>/<folder>`.'),
      },
    },
    async handler(ctx) {
      assertMaxLengths(ctx.input, LIMITS);
      const { namespace, name } = ctx.input;
      const ref = { namespace, name };
      assertValidDatabaseRef(ref);
      assertConfirmed(ctx.input.confirmName, name);

      const definition = await findDatabaseDefinition(ctx.workspacePath, ref);
      const plan = planRemoval(ref, definition);
      const consequence = removalConsequence(ref, {
        protected: definition.entry.protected,
        softDeletesSecrets:
          parseChartVersion(definition.chartVersion).dialect === 'name-only',
      });

      // A dry run changes its workspace too: the template editor shows the result.
      await applyPlannedChanges(plan.writes, plan.deletions);
      if (definition.entry.protected) {
        ctx.logger.info(consequence);
      } else {
        ctx.logger.warn(consequence);
      }
      ctx.output('protected', definition.entry.protected);
      ctx.output('consequence', consequence);
      ctx.output(
        'diff',
        [
          ...plan.writes.map(f =>
            unifiedDiff(f.relativePath, f.before, f.content),
          ),
          ...plan.deletions.map(f => unifiedDiff(f.relativePath, f.before, '')),
        ].join(''),
      );
      // The workspace holds the apps repo's namespace folder at <namespace>/, so workspace paths are repository paths.
      ctx.output(
        'filesToDelete',
        plan.deletions.map(f => f.relativePath),
      );
      ctx.output('targetPath', definition.files.folder.relativePath);
      ctx.output('entityRef', databaseEntityRef(ref));
      ctx.output('tabPath', databaseTabPath(ref));
    },
  });
}
