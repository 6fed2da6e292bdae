import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { listDatabases } from '../inventory/listDatabases';
import type { ActionsOptions } from './ActionsOptions';
import { Zod, namespaceField } from './databaseRefInput';
import { checkStateField } from './statusSchemas';

/** `list-postgres-databases`: the inventory's list of one namespace, as GET /databases. */
export function registerListDatabasesAction(
  registry: ActionsRegistryService,
  options: ActionsOptions,
): void {
  registry.register({
    name: 'list-postgres-databases',
    title: 'List PostgreSQL databases',
    description: [
      'Lists the PostgreSQL databases of one Kubernetes namespace as the IDP platform inventory knows them: each with its health state and the reason for it, its lifecycle (deployed, pending, removing, removed-protected), its owner (read from the apps repo) and the ids of known errors found.',
      'The inventory is refreshed in the background, so this is cheap but can be a few minutes old (see refreshedAt); use get-postgres-database-status for a live, detailed check of one database.',
      'Only databases the caller may read are listed. Fails with NotFoundError for a namespace no cluster is configured for.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ namespace: namespaceField(z) }),
      output: z => databaseListSchema(z),
    },
    action: async ({ input, credentials }) => ({
      output: await listDatabases(options, credentials, input.namespace),
    }),
  });
}

function databaseListSchema(z: Zod) {
  const owner = z
    .object({
      entityRef: z
        .string()
        .describe('The owning catalog entity, e.g. group:default/team-shop.'),
      source: z
        .enum(['apps-repo', 'apps-repo-before-removal', 'namespace-config'])
        .describe(
          "Where the owner was read: the definition folder's catalog-info.yaml in the apps repo (also as read before the definition was removed), or the backend's namespace owner config.",
        ),
      path: z
        .string()
        .optional()
        .describe('The apps repo file the owner was read from.'),
    })
    .describe(
      'Who may change the database (with platform admins); absent when nobody is named, then only platform admins may.',
    );
  const item = z.object({
    namespace: z.string().describe('Kubernetes namespace.'),
    name: z.string().describe('Database name in the chart values.'),
    database: z
      .string()
      .describe('The PostgreSQL database name, <namespace>-<name>.'),
    state: checkStateField(z),
    reason: z.string().describe('Why the database has this state.'),
    lifecycle: z
      .enum(['deployed', 'pending', 'removing', 'removed-protected'])
      .describe(
        'deployed: defined and in the cluster; pending: defined, not yet synced; removing: no longer defined, still in the cluster; removed-protected: gone from the cluster but the database or its secrets remain (the restore case).',
      ),
    owner: owner.optional(),
    knownErrors: z
      .array(z.string())
      .describe(
        'Ids of the known errors found; get-postgres-database-status explains each with its fix.',
      ),
    checkedAt: z
      .string()
      .describe('When the inventory last checked the database (ISO 8601).'),
  });
  return z.object({
    namespace: z.string().describe('The namespace listed.'),
    items: z.array(item).describe('The databases the caller may read.'),
    refreshedAt: z
      .string()
      .describe('When the inventory was last refreshed (ISO 8601).'),
    lastFailure: z
      .object({
        at: z.string().describe('When the refresh failed (ISO 8601).'),
        reason: z.string().describe('Why it failed.'),
      })
      .optional()
      .describe(
        'The last refresh, when it failed: the list is then as old as refreshedAt.',
      ),
  });
}
