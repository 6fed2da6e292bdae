import { InputError, NotFoundError } from '@backstage/errors';
import {
  assertValidDatabaseRef,
  DATABASE_ROLES,
  DatabaseRole,
  databaseTabPath,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { connectRefusal } from '../../platform/checkRefusals';
import { unifiedDiff } from '../../workspace/diff';
import { applyPlannedChanges, readOptionalFile } from '../../workspace/files';
import { resolveWorkspacePath, shown } from '../../workspace/paths';
import { IdpPostgresActionOptions } from '../actionOptions';
import { assertMaxLengths } from '../inputRules';
import { fields, MAX_PATH_LENGTH } from '../schemaFields';
import { examples } from './connectApp.examples';
import { connectionEnv, ENV_PREFIX_PATTERN, withEnv } from './envBlock';
import { appNamespaceOf, assertValuesPathInNamespace } from './valuesPath';

/** Prefixes longer than this make variable names no one would type. */
const MAX_ENV_PREFIX_LENGTH = 64;

const LIMITS = {
  valuesPath: MAX_PATH_LENGTH,
  namespace: 63,
  database: 63,
  appNamespace: 63,
  envPrefix: MAX_ENV_PREFIX_LENGTH,
};

const YAML_FILE_PATTERN = /\.ya?ml$/;

/**
 * Creates the `idp:postgres:connect-app` action, which adds a database's
 * connection variables to an app's Helm values file in the workspace.
 *
 * @public
 */
export function createConnectAppAction(options: IdpPostgresActionOptions) {
  return createTemplateAction({
    id: 'idp:postgres:connect-app',
    description:
      "Adds or replaces DB_NAME, DB_USER, DB_PASSWORD, DB_HOST and DB_PORT in an app's Helm values env list, read from the database role's Kubernetes secret. Asks the platform first whether the app may use the database. Comments, order and other entries are kept; re-running changes nothing.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        valuesPath: z =>
          fields
            .relativePath(
              z,
              "The app's Helm values file (`.yaml` or `.yml`), relative to the workspace and inside the app's namespace folder, e.g. `<namespace>/<app>/values.yaml`.",
            )
            .regex(YAML_FILE_PATTERN),
        namespace: z =>
          fields.namespace(z, 'Kubernetes namespace of the database.'),
        database: z =>
          fields.databaseName(z, 'Name of the database in that namespace.'),
        appNamespace: z =>
          fields
            .namespace(
              z,
              'Kubernetes namespace the app runs in; defaults to the first folder of valuesPath, and valuesPath must lie inside that folder. A pod can only read secrets of its own namespace.',
            )
            .optional(),
        role: z =>
          z
            .enum(DATABASE_ROLES)
            .optional()
            .describe(
              'Which of the database roles the app logs in as: admin, write or read. Defaults to write.',
            ),
        envPrefix: z =>
          z
            .string()
            .max(MAX_ENV_PREFIX_LENGTH)
            .regex(ENV_PREFIX_PATTERN)
            .optional()
            .describe(
              'Prefix of the variable names; defaults to `DB_` (DB_NAME, DB_USER, …).',
            ),
      },
      output: {
        diff: z =>
          z
            .string()
            .describe(
              'Unified diff of the values file; empty when nothing changed.',
            ),
        changed: z =>
          z.boolean().describe('Whether the values file needed a change.'),
        secretName: z =>
          z
            .string()
            .describe('The Kubernetes secret the variables are read from.'),
        warnings: z =>
          z
            .array(z.string())
            .describe(
              'What the platform warns about, e.g. that the role has no privileges yet; empty without warnings.',
            ),
        tabUrl: z =>
          z
            .string()
            .describe(
              "The database's PostgreSQL tab, where grants are applied: a full URL when the platform knows the app's address, else the app path.",
            ),
      },
    },
    async handler(ctx) {
      assertMaxLengths(ctx.input, LIMITS);
      const { valuesPath, namespace, database } = ctx.input;
      const ref = { namespace, name: database };
      assertValidDatabaseRef(ref);
      const role: DatabaseRole = ctx.input.role ?? 'write';
      if (!DATABASE_ROLES.includes(role)) {
        throw new InputError(
          `Role "${shown(String(role))}" is not one of ${DATABASE_ROLES.join(
            ', ',
          )}.`,
        );
      }
      const envPrefix = ctx.input.envPrefix ?? 'DB_';
      if (!ENV_PREFIX_PATTERN.test(envPrefix)) {
        throw new InputError(
          `envPrefix "${shown(
            envPrefix,
          )}" must start with a letter or "_" and hold only letters, digits and "_".`,
        );
      }
      const absolutePath = resolveWorkspacePath(
        ctx.workspacePath,
        valuesPath,
        'valuesPath',
      );
      if (!YAML_FILE_PATTERN.test(valuesPath)) {
        throw new InputError(
          `valuesPath "${shown(
            valuesPath,
          )}" must name a Helm values file ending in .yaml or .yml.`,
        );
      }
      const appNamespace = appNamespaceOf(valuesPath, ctx.input.appNamespace);
      assertValuesPathInNamespace(valuesPath, appNamespace);
      const before = await readOptionalFile(absolutePath, valuesPath);
      if (before === undefined) {
        throw new NotFoundError(
          `valuesPath "${valuesPath}" does not exist in the workspace; fetch the app's folder first (fetch:plain).`,
        );
      }
      const after = withEnv(
        before,
        valuesPath,
        connectionEnv(ref, role, envPrefix),
      );

      let warnings: string[] = [];
      let tabUrl = databaseTabPath(ref);
      if (options.platform) {
        const check = await options.platform.checkConnect(
          await ctx.getInitiatorCredentials(),
          {
            ...ref,
            role,
            appNamespace,
          },
        );
        const refusal = connectRefusal(check);
        if (refusal) {
          throw refusal;
        }
        warnings = check.warnings.map(w => w.message);
        for (const warning of warnings) {
          ctx.logger.warn(warning);
        }
        tabUrl = check.tabUrl ?? tabUrl;
      }

      const changed = after !== before;
      // A dry run writes too: its workspace is a temporary copy whose files the template editor shows.
      if (changed) {
        await applyPlannedChanges([
          { absolutePath, relativePath: valuesPath, content: after },
        ]);
      }
      ctx.output('diff', unifiedDiff(valuesPath, before, after));
      ctx.output('changed', changed);
      ctx.output('secretName', roleName(ref, role));
      ctx.output('warnings', warnings);
      ctx.output('tabUrl', tabUrl);
    },
  });
}
