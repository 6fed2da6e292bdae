import { isDeepStrictEqual } from 'node:util';
import {
  InventoryDatabase,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * Notes databases that share a PostgreSQL name: `demo/dev-orders` and
 * `demo-dev/orders` are both `demo-dev-orders` on the shared cluster, so
 * one would act on the other's data.
 */
export function markConflicts(databases: InventoryDatabase[]): void {
  const byDatabase = new Map<string, InventoryDatabase[]>();
  for (const db of databases) {
    db.conflicts = [];
    byDatabase.set(db.database, [...(byDatabase.get(db.database) ?? []), db]);
  }
  for (const group of byDatabase.values()) {
    if (group.length < 2) continue;
    for (const db of group) {
      db.conflicts = group
        .filter(other => other !== db)
        .map(
          other =>
            `${formatDatabaseRef(
              other,
            )} has the same PostgreSQL database name "${db.database}"`,
        );
    }
  }
}

/**
 * What of a database counts as a change between two refreshes: not when it
 * was checked, nor the repo commit (every merge moves it for all).
 */
function comparable(db: InventoryDatabase) {
  const { checkedAt: _checkedAt, change: _change, ...rest } = db;
  if (!rest.definition) return rest;
  const { commit: _commit, ...definition } = rest.definition;
  return { ...rest, definition };
}

/**
 * Marks each database new, changed or unchanged against the previous
 * refresh, and lists those that are gone.
 */
export function markChanges(
  databases: InventoryDatabase[],
  before: Map<string, InventoryDatabase>,
) {
  const now = new Set<string>();
  const marked = databases.map(db => {
    const key = formatDatabaseRef(db);
    now.add(key);
    const earlier = before.get(key);
    let change: InventoryDatabase['change'] = 'new';
    if (earlier) {
      change = isDeepStrictEqual(comparable(earlier), comparable(db))
        ? 'unchanged'
        : 'changed';
    }
    return { ...db, change };
  });
  const removed = [...before.values()]
    .filter(db => !now.has(formatDatabaseRef(db)))
    .map(db => ({ namespace: db.namespace, name: db.name }));
  return { databases: marked, removed };
}
