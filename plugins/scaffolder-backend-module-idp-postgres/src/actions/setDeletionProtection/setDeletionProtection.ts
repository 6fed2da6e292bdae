import { InputError } from '@backstage/errors';
import {
  assertValidDatabaseRef,
  databaseEntityRef,
  databaseTabPath,
  isProductionNamespace,
  parseChartVersion,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readIdpPostgresActionsConfig } from '../../config';
import { valuesWithProtection } from '../../definition/databaseEntries';
import { findDatabaseDefinition } from '../../definition/findDefinition';
import { unifiedDiff } from '../../workspace/diff';
import { applyPlannedChanges } from '../../workspace/files';
import { IdpPostgresActionOptions } from '../actionOptions';
import { assertMaxLengths } from '../inputRules';
import { databaseLinkOutputs, fields } from '../schemaFields';
import { templateReference } from '../templateNames';
import { examples } from './setDeletionProtection.examples';

const LIMITS = { namespace: 63, name: 63 };

/**
 * Creates the `idp:postgres:set-deletion-protection` action, which turns a
 * database's deletion protection on or off in its definition, in the
 * dialect of the folder's chart version.
 *
 * @public
 */
export function createSetDeletionProtectionAction(
  options: IdpPostgresActionOptions,
) {
  const settings = readIdpPostgresActionsConfig(options.config);

  return createTemplateAction({
    id: 'idp:postgres:set-deletion-protection',
    description:
      "Turns a database's deletion protection on or off in the definition folder of the namespace fetched into the workspace: `deletionProtection` on charts 0.5.x, `mode` on 1.0 and later. Comments and other entries are kept. Refuses to unprotect in production namespaces.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        namespace: z =>
          fields.namespace(
            z,
            'Namespace of the database; its apps repo folder must be in the workspace at `<namespace>/`.',
          ),
        name: z => fields.databaseName(z, 'Name of the database.'),
        protect: z =>
          z
            .boolean()
            .describe(
              'True keeps the database, its data and its Secrets Manager secrets when the definition is removed; false lets a removal delete them.',
            ),
      },
      output: {
        diff: z =>
          z
            .string()
            .describe('Unified diff of values.yaml; empty when unchanged.'),
        changed: z =>
          z.boolean().describe('Whether values.yaml needed a change.'),
        filesWritten: z =>
          z
            .array(z.string())
            .describe('Files changed, relative to the workspace.'),
        ...databaseLinkOutputs,
        targetPath: z =>
          z.string().describe('The definition folder, `<namespace>/<folder>`.'),
      },
    },
    async handler(ctx) {
      assertMaxLengths(ctx.input, LIMITS);
      const { namespace, name, protect } = ctx.input;
      const ref = { namespace, name };
      assertValidDatabaseRef(ref);
      if (typeof protect !== 'boolean') {
        throw new InputError('protect must be true or false.');
      }
      if (
        !protect &&
        isProductionNamespace(namespace, settings.productionNamespacePatterns)
      ) {
        throw new InputError(
          `Namespace "${namespace}" is a production namespace (${settings.productionNamespacePatterns.join(
            ', ',
          )}); its databases must keep deletion protection.`,
        );
      }
      const definition = await findDatabaseDefinition(ctx.workspacePath, ref);
      const { values, folder } = definition.files;
      if (
        protect &&
        parseChartVersion(definition.chartVersion).dialect === 'name-only'
      ) {
        throw new InputError(
          `${folder.relativePath} deploys chart ${
            definition.chartVersion
          }, which cannot protect a database. Move it to chart 0.5.0 or later with ${templateReference(
            'upgrade',
          )} first; that recreates the database and loses its data.`,
        );
      }

      const after = valuesWithProtection(
        definition.valuesText,
        values.relativePath,
        definition.chartVersion,
        name,
        protect,
      );
      const changed = after !== definition.valuesText;
      // A dry run writes too: its workspace is a temporary copy whose files the template editor shows.
      if (changed) {
        await applyPlannedChanges([{ ...values, content: after }]);
      }
      ctx.logger.info(
        changed
          ? `${namespace}/${name} is now ${
              protect ? 'protected' : 'unprotected'
            } in ${values.relativePath}`
          : `${namespace}/${name} was already ${
              protect ? 'protected' : 'unprotected'
            }; nothing to change`,
      );
      ctx.output(
        'diff',
        unifiedDiff(values.relativePath, definition.valuesText, after),
      );
      ctx.output('changed', changed);
      ctx.output('filesWritten', changed ? [values.relativePath] : []);
      ctx.output('targetPath', folder.relativePath);
      ctx.output('entityRef', databaseEntityRef(ref));
      ctx.output('tabPath', databaseTabPath(ref));
    },
  });
}
