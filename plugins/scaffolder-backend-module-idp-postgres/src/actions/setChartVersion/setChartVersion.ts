import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DATABASE_ROLES,
  databaseRefProblems,
  recreatesResources,
  parseChartVersion,
  secretsManagerName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { readIdpPostgresActionsConfig } from '../../config';
import { chartVersionOfApplication } from '../../definition/chartFiles';
import {
  applicationForChartVersion,
  valuesForChartVersion,
} from '../../definition/chartMove';
import { unifiedDiff } from '../../workspace/diff';
import { readOptionalFile, writePlannedFiles } from '../../workspace/files';
import { resolveWorkspacePath } from '../../workspace/paths';
import { dataLossMessage } from './dataLossMessage';
import { examples } from './setChartVersion.examples';

/**
 * Creates the `idp:postgres:set-chart-version` action, which moves a
 * database definition folder to another chart version, translating each
 * entry between `deletionProtection` and `mode`.
 *
 * @public
 */
export function createSetChartVersionAction(options: { config: Config }) {
  const settings = readIdpPostgresActionsConfig(options.config);

  return createTemplateAction({
    id: 'idp:postgres:set-chart-version',
    description:
      "Moves a database definition to another helm/idp-postgresql chart version, rewriting values.yaml in the new version's dialect. Moves across 0.5.0 lose data and need acknowledgeDataLoss.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        targetPath: z =>
          z
            .string()
            .describe(
              'Folder of the definition (values.yaml and application.yaml), relative to the workspace.',
            ),
        chartVersion: z =>
          z.string().describe('The exact chart version to move to.'),
        acknowledgeDataLoss: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Must be true to move across chart 0.5.0, which recreates the databases and loses their data.',
            ),
        namespace: z =>
          z
            .string()
            .optional()
            .describe(
              "The definition's namespace, to name its Secrets Manager secrets; defaults to the first folder of targetPath, as in the apps repo layout.",
            ),
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
        secretsToForceDelete: z =>
          z
            .array(z.string())
            .describe(
              'Secrets Manager secrets to force-delete after a move that recreates the databases; empty otherwise.',
            ),
      },
    },
    async handler(ctx) {
      const { targetPath, chartVersion } = ctx.input;
      parseChartVersion(chartVersion);
      const folder = resolveWorkspacePath(
        ctx.workspacePath,
        targetPath,
        'targetPath',
      );
      const file = (base: string) => {
        const relativePath = path.relative(
          ctx.workspacePath,
          path.join(folder, base),
        );
        return {
          relativePath,
          absolutePath: resolveWorkspacePath(
            ctx.workspacePath,
            relativePath,
            'File',
          ),
        };
      };
      const values = file('values.yaml');
      const application = file('application.yaml');
      const valuesText = await readOptionalFile(values.absolutePath);
      const applicationText = await readOptionalFile(application.absolutePath);
      if (valuesText === undefined || applicationText === undefined) {
        throw new NotFoundError(
          `${targetPath} is not a database definition folder: it needs values.yaml and application.yaml.`,
        );
      }

      const from = chartVersionOfApplication(
        applicationText,
        application.relativePath,
      );
      // Moving to the version the folder already has must not touch its files.
      const moved =
        from === chartVersion
          ? { text: valuesText, databases: [] }
          : valuesForChartVersion(
              valuesText,
              values.relativePath,
              chartVersion,
            );
      const namespace = ctx.input.namespace ?? targetPath.split(/[\\/]/)[0];
      const crossing = recreatesResources(from, chartVersion);
      const secretsToForceDelete = crossing
        ? moved.databases.flatMap(name =>
            databaseRefProblems({ namespace, name }).length > 0
              ? []
              : DATABASE_ROLES.map(role =>
                  secretsManagerName(
                    { namespace, name },
                    role,
                    settings.secretsManagerNamePattern,
                  ),
                ),
          )
        : [];
      if (crossing && ctx.input.acknowledgeDataLoss !== true) {
        throw new InputError(
          dataLossMessage({
            targetPath,
            from,
            to: chartVersion,
            databases: moved.databases,
            secretsToForceDelete,
          }),
        );
      }

      const planned = [
        { ...values, before: valuesText, content: moved.text },
        {
          ...application,
          before: applicationText,
          content:
            from === chartVersion
              ? applicationText
              : applicationForChartVersion(
                  applicationText,
                  application.relativePath,
                  chartVersion,
                ),
        },
      ].filter(f => f.content !== f.before);

      if (crossing) {
        ctx.logger.warn(
          'Chart move recreates the databases; their data is lost and the listed secrets must be force-deleted',
          { targetPath, from, to: chartVersion },
        );
      }
      if (!ctx.isDryRun) {
        await writePlannedFiles(planned);
      }
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
      ctx.output('secretsToForceDelete', secretsToForceDelete);
    },
  });
}
