import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  assertValidDatabaseRef,
  DATABASE_ROLES,
  DatabaseRole,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { unifiedDiff } from '../../workspace/diff';
import { readOptionalFile, writePlannedFiles } from '../../workspace/files';
import { resolveWorkspacePath } from '../../workspace/paths';
import { printable } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { examples } from './connectApp.examples';
import { connectionEnv, ENV_PREFIX_PATTERN, withEnv } from './envBlock';

/**
 * Creates the `idp:postgres:connect-app` action, which adds a database's
 * connection variables to an app's Helm values file in the workspace.
 * The config is accepted for symmetry with the other actions; nothing in it
 * changes how an app connects today.
 *
 * @public
 */
export function createConnectAppAction(_options: { config: Config }) {
  return createTemplateAction({
    id: 'idp:postgres:connect-app',
    description:
      "Adds or replaces DB_NAME, DB_USER, DB_PASSWORD, DB_HOST and DB_PORT in an app's Helm values env list, read from the database role's Kubernetes secret. Comments, order and other entries are kept; re-running changes nothing.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        valuesPath: z =>
          z
            .string()
            .describe("The app's Helm values file, relative to the workspace."),
        namespace: z =>
          z
            .string()
            .describe('Kubernetes namespace of the database and the app.'),
        database: z =>
          z.string().describe('Name of the database in that namespace.'),
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
            .optional()
            .describe(
              'Prefix of the variable names; defaults to "DB_" (DB_NAME, DB_USER, …).',
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
      },
    },
    async handler(ctx) {
      const { valuesPath, namespace, database } = ctx.input;
      const ref = { namespace, name: database };
      assertValidDatabaseRef(ref);
      const role: DatabaseRole = ctx.input.role ?? 'write';
      if (!DATABASE_ROLES.includes(role)) {
        throw new InputError(
          `Role "${printable(
            String(role),
          )}" is not one of ${DATABASE_ROLES.join(', ')}.`,
        );
      }
      const envPrefix = ctx.input.envPrefix ?? 'DB_';
      if (!ENV_PREFIX_PATTERN.test(envPrefix)) {
        throw new InputError(
          `envPrefix "${printable(
            envPrefix,
          )}" must start with a letter or "_" and hold only letters, digits and "_".`,
        );
      }

      const absolutePath = resolveWorkspacePath(
        ctx.workspacePath,
        valuesPath,
        'valuesPath',
      );
      const before = await readOptionalFile(absolutePath);
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
      const changed = after !== before;
      if (changed && !ctx.isDryRun) {
        await writePlannedFiles([
          { absolutePath, relativePath: valuesPath, content: after },
        ]);
      }
      ctx.output('diff', unifiedDiff(valuesPath, before, after));
      ctx.output('changed', changed);
      ctx.output('secretName', roleName(ref, role));
    },
  });
}
