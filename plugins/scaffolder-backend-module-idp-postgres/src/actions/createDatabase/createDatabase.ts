import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  assertValidDatabaseRef,
  databaseEntityRef,
  deriveDatabaseNames,
  isProductionNamespace,
  parseChartVersion,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { readIdpPostgresActionsConfig } from '../../config';
import { writePlannedFiles } from '../../workspace/files';
import { resolveWorkspacePath } from '../../workspace/paths';
import {
  assertEntityRef,
  assertOneLine,
  assertSlackChannel,
} from '../inputRules';
import { examples } from './createDatabase.examples';
import { planDefinitionFiles } from './planFiles';

/**
 * Creates the `idp:postgres:create-database` action, which writes a database
 * definition (values.yaml, application.yaml) and its catalog entity into the
 * workspace, or adds the database to an existing definition folder.
 *
 * @public
 */
export function createCreateDatabaseAction(options: { config: Config }) {
  const settings = readIdpPostgresActionsConfig(options.config);

  return createTemplateAction({
    id: 'idp:postgres:create-database',
    description:
      'Writes an idp-postgresql database definition (values.yaml, application.yaml) and its catalog-info.yaml into the workspace, or adds the database to an existing definition folder.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        namespace: z =>
          z
            .string()
            .describe(
              'Kubernetes namespace the database belongs to (a DNS label).',
            ),
        name: z =>
          z
            .string()
            .describe(
              'Database name (a DNS label); "<namespace>-<name>-admin" must fit in 63 bytes.',
            ),
        chartVersion: z =>
          z
            .string()
            .optional()
            .describe(
              'Exact version of the helm/idp-postgresql chart; defaults to the existing folder\'s version, else idpPostgres.defaultChartVersion, else "0.5.0".',
            ),
        deletionProtection: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Keep the database when its definition is removed; required in production namespaces. Written as mode: protected for charts 1.0 and later.',
            ),
        slackChannel: z =>
          z
            .string()
            .describe('Slack channel (without "#") for ArgoCD notifications.'),
        description: z =>
          z
            .string()
            .optional()
            .describe('Description of the database; defaults to its name.'),
        owner: z =>
          z
            .string()
            .describe(
              'Catalog entity reference of the owner, e.g. group:default/my-team.',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder in the workspace for the definition; defaults to "<namespace>/<name>".',
            ),
      },
      output: {
        databaseName: z =>
          z.string().describe('The PostgreSQL database, <namespace>-<name>.'),
        roleNames: z =>
          z
            .object({
              admin: z.string().describe('For the admin role.'),
              write: z.string().describe('For the write role.'),
              read: z.string().describe('For the read role.'),
            })
            .describe('PostgreSQL login roles, per role.'),
        kubernetesSecretNames: z =>
          z
            .object({
              admin: z.string().describe('For the admin role.'),
              write: z.string().describe('For the write role.'),
              read: z.string().describe('For the read role.'),
            })
            .describe('Kubernetes secrets in the namespace, per role.'),
        secretsManagerSecretNames: z =>
          z
            .object({
              admin: z.string().describe('For the admin role.'),
              write: z.string().describe('For the write role.'),
              read: z.string().describe('For the read role.'),
            })
            .describe('AWS Secrets Manager secret names, per role.'),
        entityRef: z =>
          z.string().describe('Entity reference of the new catalog Resource.'),
        targetPath: z =>
          z.string().describe('Folder of the definition in the workspace.'),
        filesWritten: z =>
          z
            .array(z.string())
            .describe(
              'Files written (or that would be, in a dry run), relative to the workspace.',
            ),
      },
    },
    async handler(ctx) {
      const { namespace, name, slackChannel, owner } = ctx.input;
      const ref = { namespace, name };
      assertValidDatabaseRef(ref);
      const names = deriveDatabaseNames(ref, {
        secretsManagerNamePattern: settings.secretsManagerNamePattern,
      });
      const deletionProtection = ctx.input.deletionProtection ?? false;
      if (
        !deletionProtection &&
        isProductionNamespace(namespace, settings.productionNamespacePatterns)
      ) {
        throw new InputError(
          `Namespace "${namespace}" is a production namespace (${settings.productionNamespacePatterns.join(
            ', ',
          )}); databases there must have deletionProtection: true.`,
        );
      }
      assertSlackChannel(slackChannel);
      assertEntityRef(owner, 'Owner');
      const description = ctx.input.description ?? name;
      assertOneLine(description, 'Description');
      if (ctx.input.chartVersion !== undefined) {
        parseChartVersion(ctx.input.chartVersion);
      }

      const targetPath = ctx.input.targetPath ?? `${namespace}/${name}`;
      const folder = resolveWorkspacePath(
        ctx.workspacePath,
        targetPath,
        'targetPath',
      );
      const planned = await planDefinitionFiles({
        workspacePath: ctx.workspacePath,
        folder,
        ref,
        requestedChartVersion: ctx.input.chartVersion,
        defaultChartVersion: settings.defaultChartVersion,
        deletionProtection,
        slackChannel,
        description,
        owner,
      });

      if (ctx.isDryRun) {
        ctx.logger.info('Dry run: no files written', { targetPath });
      } else {
        await writePlannedFiles(planned);
      }
      ctx.output('databaseName', names.database);
      ctx.output('roleNames', names.roles);
      ctx.output('kubernetesSecretNames', names.kubernetesSecrets);
      ctx.output('secretsManagerSecretNames', names.secretsManagerSecrets);
      ctx.output('entityRef', databaseEntityRef(ref));
      ctx.output('targetPath', path.relative(ctx.workspacePath, folder));
      ctx.output(
        'filesWritten',
        planned.map(f => f.relativePath),
      );
    },
  });
}
