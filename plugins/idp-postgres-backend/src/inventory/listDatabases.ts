import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  DatabaseList,
  DatabaseSummary,
  InventoryDatabase,
  idpPostgresStatusReadPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseAuthorizer } from '../access/DatabaseAuthorizer';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { PluginConfig } from '../config/pluginConfig';
import type { InventoryState, InventoryStore } from './InventoryStore';

/** What the list route and the list action read: the store, and who may read what. */
export interface InventoryReaders {
  config: PluginConfig;
  inventory: InventoryStore;
  access: DatabaseAuthorizer;
}

/** The inventory's refresh state; 503 with the reason before its first refresh. */
export async function refreshedState(
  inventory: InventoryStore,
): Promise<InventoryState & { refreshedAt: string }> {
  const state = await inventory.state();
  if (!state?.refreshedAt) {
    throw new ServiceUnavailableError(
      state?.lastFailure
        ? `The PostgreSQL inventory has not been built yet; its last refresh failed: ${state.lastFailure.reason}`
        : 'The PostgreSQL inventory has not been built yet; try again in a moment.',
    );
  }
  return { ...state, refreshedAt: state.refreshedAt };
}

/**
 * One namespace's databases the caller may read, as the inventory last
 * checked them: what GET /databases and `list-postgres-databases` answer.
 */
export async function listDatabases(
  readers: InventoryReaders,
  credentials: BackstageCredentials,
  namespace: string,
): Promise<DatabaseList & { refreshedAt: string }> {
  clusterForNamespace(readers.config, namespace);
  const state = await refreshedState(readers.inventory);
  const items = await readers.access.filterCredentials(
    credentials,
    await readers.inventory.databasesAt(state.refreshedAt, { namespace }),
    idpPostgresStatusReadPermission,
  );
  return {
    namespace,
    items: items.map(summaryOf),
    refreshedAt: state.refreshedAt,
    ...(state.lastFailure ? { lastFailure: state.lastFailure } : {}),
  };
}

/** A list line from an inventory entry. */
function summaryOf(db: InventoryDatabase): DatabaseSummary {
  return {
    namespace: db.namespace,
    name: db.name,
    database: db.database,
    state: db.state,
    reason: db.reason,
    lifecycle: db.lifecycle,
    ...(db.owner ? { owner: db.owner } : {}),
    knownErrors: db.knownErrors,
    checkedAt: db.checkedAt,
  };
}
