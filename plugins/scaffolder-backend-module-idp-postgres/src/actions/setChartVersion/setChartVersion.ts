import { InputError } from '@backstage/errors';
import {
  DatabaseEntry,
  dnsLabelProblem,
  isProductionNamespace,
  recreatesResources,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readIdpPostgresActionsConfig } from '../../config';
import { applicationForChartVersion } from '../../definition/chartMove';
import { assertOfferedChartVersion } from '../../definition/chartVersions';
import { valuesForChartVersion } from '../../definition/databaseEntries';
import { definitionFiles } from '../../definition/definitionFolder';
import { readDefinitionFolder } from '../../definition/findDefinition';
import { unifiedDiff } from '../../workspace/diff';
import { applyPlannedChanges } from '../../workspace/files';
import { shown } from '../../workspace/paths';
import { IdpPostgresActionOptions } from '../actionOptions';
import { assertMaxLengths } from '../inputRules';
import { fields, MAX_PATH_LENGTH } from '../schemaFields';
import { templateReference } from '../templateNames';
import { examples } from './setChartVersion.examples';

const LIMITS = { targetPath: MAX_PATH_LENGTH, chartVersion: 32, namespace: 63 };

function crossingRefusal(
  folder: string,
  from: string,
  to: string,
  databases: DatabaseEntry[],
) {
  return new InputError(
    `Moving ${folder} from chart ${from} to ${to} crosses chart 0.5.0, which changed the underlying resource API version: ${databases
      .map(d => d.name)
      .join(
        ', ',
      )} would be recreated and ALL THEIR DATA LOST, and an edit in place cannot do the steps the manual's upgrade guide needs around it. Use ${templateReference(
      'upgrade',
    )}: it removes the definition, has the Secrets Manager secrets force-deleted, and adds the database again on chart ${to}.`,
  );
}

/**
 * Creates the `idp:postgres:set-chart-version` action, which moves a
 * database definition folder to another chart version, translating each
 * entry between `deletionProtection` and `mode`.
 *
 * @public
 */
export function createSetChartVersionAction(options: IdpPostgresActionOptions) {
  const settings = readIdpPostgresActionsConfig(options.config);

  return createTemplateAction({
    id: 'idp:postgres:set-chart-version',
    description:
      "Moves a database definition to another helm/idp-postgresql chart version in place, rewriting values.yaml in the new version's dialect (`deletionProtection` ↔ `mode`). Moves across 0.5.0 recreate the databases and are refused: the Upgrade PostgreSQL chart template does them.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        targetPath: z =>
          fields.relativePath(
            z,
            'Folder of the definition (values.yaml and application.yaml), `<namespace>/<folder>` in the workspace.',
          ),
        chartVersion: z =>
          fields.chartVersion(z, 'The exact chart version to move to.'),
        namespace: z =>
          fields
            .namespace(
              z,
              'The namespace of the definition; defaults to the first folder of targetPath, as in the apps repo layout.',
            )
            .optional(),
      },
      output: {
        previousChartVersion: z =>
          z.string().describe('The chart version the folder had.'),
        chartVersion: z =>
          z.string().describe('The chart version the folder has now.'),
        changed: z => z.boolean().describe('Whether any file needed a change.'),
        diff: z => z.string().describe('Unified diff of the changed files.'),
        filesWritten: z =>
          z
            .array(z.string())
            .describe('Files changed, relative to the workspace.'),
      },
    },
    async handler(ctx) {
      assertMaxLengths(ctx.input, LIMITS);
      const { targetPath, chartVersion } = ctx.input;
      assertOfferedChartVersion(chartVersion);
      const namespace = ctx.input.namespace ?? targetPath.split('/')[0];
      const namespaceProblem = dnsLabelProblem(namespace);
      if (namespaceProblem) {
        throw new InputError(
          `Namespace "${shown(namespace)}" ${namespaceProblem}.`,
        );
      }
      const files = definitionFiles(ctx.workspacePath, targetPath, namespace);
      const folder = await readDefinitionFolder(files);
      const from = folder.chartVersion;
      const { values, application } = files;
      if (from === chartVersion) {
        ctx.output('previousChartVersion', from);
        ctx.output('chartVersion', chartVersion);
        ctx.output('changed', false);
        ctx.output('diff', '');
        ctx.output('filesWritten', []);
        return;
      }
      if (recreatesResources(from, chartVersion)) {
        throw crossingRefusal(
          files.folder.relativePath,
          from,
          chartVersion,
          folder.databases,
        );
      }
      const moved = valuesForChartVersion(
        folder.valuesText,
        values.relativePath,
        chartVersion,
      );
      const unprotected = moved.databases.filter(d => !d.protected);
      if (
        unprotected.length > 0 &&
        isProductionNamespace(namespace, settings.productionNamespacePatterns)
      ) {
        throw new InputError(
          `${namespace} is a production namespace, and ${
            files.folder.relativePath
          } defines ${unprotected
            .map(d => `"${d.name}"`)
            .join(
              ', ',
            )} without deletion protection; protect them first with ${templateReference(
            'protect',
          )} so that the new definition protects them too.`,
        );
      }

      const planned = [
        { ...values, before: folder.valuesText, content: moved.text },
        {
          ...application,
          before: folder.applicationText,
          content: applicationForChartVersion(
            folder.applicationText,
            application.relativePath,
            chartVersion,
          ),
        },
      ].filter(f => f.content !== f.before);

      // A dry run writes too: its workspace is a temporary copy whose files the template editor shows.
      await applyPlannedChanges(planned);
      ctx.output('previousChartVersion', from);
      ctx.output('chartVersion', chartVersion);
      ctx.output('changed', planned.length > 0);
      ctx.output(
        'diff',
        planned
          .map(f => unifiedDiff(f.relativePath, f.before, f.content))
          .join(''),
      );
      ctx.output(
        'filesWritten',
        planned.map(f => f.relativePath),
      );
    },
  });
}
