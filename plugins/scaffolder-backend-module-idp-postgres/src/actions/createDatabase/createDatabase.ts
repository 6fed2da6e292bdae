import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  assertValidDatabaseRef,
  DatabaseRef,
  databaseEntityRef,
  databaseTabPath,
  deriveDatabaseNames,
  isProductionNamespace,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readIdpPostgresActionsConfig } from '../../config';
import { assertOfferedChartVersion } from '../../definition/chartVersions';
import { definitionFiles } from '../../definition/definitionFolder';
import { findDatabaseDefinition } from '../../definition/findDefinition';
import { applyPlannedChanges } from '../../workspace/files';
import { IdpPostgresActionOptions } from '../actionOptions';
import {
  assertEntityRef,
  assertMaxLengths,
  assertOneLine,
  assertSlackChannel,
  MAX_DESCRIPTION_LENGTH,
  SLACK_CHANNEL_PATTERN,
} from '../inputRules';
import { databaseLinkOutputs, fields, MAX_PATH_LENGTH } from '../schemaFields';
import { examples } from './createDatabase.examples';
import { askPlatformForNewDatabase, productionRefusal } from './askPlatform';
import { planDefinitionFiles } from './planFiles';

/** Longest owner reference: kind, namespace and name of a catalog entity. */
const MAX_OWNER_LENGTH = 255;

const LIMITS = {
  namespace: 63,
  name: 63,
  chartVersion: 32,
  slackChannel: 80,
  description: MAX_DESCRIPTION_LENGTH,
  owner: MAX_OWNER_LENGTH,
  targetPath: MAX_PATH_LENGTH,
};

/**
 * Refuses a database the workspace already defines in another folder of the
 * namespace (the template fetched the namespace folder), before the platform
 * is asked; its own folder's duplicates are refused while planning.
 */
async function assertNotDefinedElsewhere(
  workspacePath: string,
  ref: DatabaseRef,
  targetPath: string,
) {
  try {
    const existing = await findDatabaseDefinition(workspacePath, ref);
    if (existing.files.folder.relativePath !== targetPath) {
      throw new ConflictError(
        `Database "${ref.name}" is already defined in ${existing.files.values.relativePath}; choose another name.`,
      );
    }
  } catch (error) {
    if (!(error instanceof NotFoundError)) {
      throw error;
    }
  }
}

/**
 * Creates the `idp:postgres:create-database` action, which writes a database
 * definition (values.yaml, application.yaml) and its catalog entity into the
 * workspace, or adds the database to an existing definition folder.
 *
 * @public
 */
export function createCreateDatabaseAction(options: IdpPostgresActionOptions) {
  const settings = readIdpPostgresActionsConfig(options.config);

  return createTemplateAction({
    id: 'idp:postgres:create-database',
    description:
      'Writes an idp-postgresql database definition (values.yaml, application.yaml) and its catalog-info.yaml into the workspace, or adds the database to an existing definition folder. Asks the platform first whether the name is free. Dry runs write into their own workspace too.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        namespace: z =>
          fields.namespace(
            z,
            'Kubernetes namespace the database belongs to (a DNS label).',
          ),
        name: z =>
          fields.databaseName(
            z,
            'Database name (a DNS label); `<namespace>-<name>-admin` must fit in 63 bytes.',
          ),
        chartVersion: z =>
          fields
            .chartVersion(
              z,
              "Exact version of the helm/idp-postgresql chart; defaults to the existing folder's version, else `idpPostgres.scaffolder.defaultChartVersion`, else 0.5.0.",
            )
            .optional(),
        deletionProtection: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Keep the database when its definition is removed; required in production namespaces. Written as `mode: protected` for charts 1.0 and later.',
            ),
        slackChannel: z =>
          z
            .string()
            .max(LIMITS.slackChannel)
            .regex(SLACK_CHANNEL_PATTERN)
            .describe('Slack channel (without "#") for ArgoCD notifications.'),
        description: z =>
          z
            .string()
            .max(LIMITS.description)
            .optional()
            .describe(
              'One line describing the database; defaults to its name.',
            ),
        owner: z =>
          z
            .string()
            .max(LIMITS.owner)
            .describe(
              'Catalog entity reference of the owner, e.g. `group:default/my-team`.',
            ),
        targetPath: z =>
          fields
            .relativePath(
              z,
              'Definition folder in the workspace, `<namespace>/<folder>`; defaults to `<namespace>/<name>`.',
            )
            .optional(),
      },
      output: {
        databaseName: z =>
          z.string().describe('The PostgreSQL database, `<namespace>-<name>`.'),
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
        ...databaseLinkOutputs,
        targetPath: z =>
          z.string().describe('Folder of the definition in the workspace.'),
        filesWritten: z =>
          z
            .array(z.string())
            .describe('Files written, relative to the workspace.'),
        readd: z =>
          z
            .boolean()
            .describe(
              'True when the definition re-attaches to a database that deletion protection kept, with its data.',
            ),
        readdMessage: z =>
          z
            .string()
            .optional()
            .describe("The platform's sentence on what re-adding does."),
      },
    },
    async handler(ctx) {
      assertMaxLengths(ctx.input, LIMITS);
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
        throw productionRefusal(
          namespace,
          settings.productionNamespacePatterns.join(', '),
        );
      }
      assertSlackChannel(slackChannel);
      assertEntityRef(owner, 'Owner');
      const description = ctx.input.description ?? name;
      assertOneLine(description, 'Description');
      if (ctx.input.chartVersion !== undefined) {
        assertOfferedChartVersion(ctx.input.chartVersion);
      }

      const files = definitionFiles(
        ctx.workspacePath,
        ctx.input.targetPath ?? `${namespace}/${name}`,
        namespace,
      );
      await assertNotDefinedElsewhere(
        ctx.workspacePath,
        ref,
        files.folder.relativePath,
      );
      const planned = await planDefinitionFiles({
        files,
        ref,
        requestedChartVersion: ctx.input.chartVersion,
        defaultChartVersion: settings.defaultChartVersion,
        deletionProtection,
        slackChannel,
        description,
        owner,
      });

      const check = options.platform
        ? await askPlatformForNewDatabase({
            platform: options.platform,
            credentials: await ctx.getInitiatorCredentials(),
            logger: ctx.logger,
            ref,
            deletionProtection,
            isDryRun: ctx.isDryRun ?? false,
          })
        : undefined;

      // A dry run writes too: its workspace is a temporary copy whose files the template editor shows.
      await applyPlannedChanges(planned);
      ctx.output('databaseName', names.database);
      ctx.output('roleNames', names.roles);
      ctx.output('kubernetesSecretNames', names.kubernetesSecrets);
      ctx.output('secretsManagerSecretNames', names.secretsManagerSecrets);
      ctx.output('entityRef', databaseEntityRef(ref));
      ctx.output('tabPath', databaseTabPath(ref));
      ctx.output('targetPath', files.folder.relativePath);
      ctx.output(
        'filesWritten',
        planned.map(f => f.relativePath),
      );
      ctx.output('readd', check?.readd !== undefined);
      if (check?.readd) {
        ctx.output('readdMessage', check.readd.message);
      }
    },
  });
}
