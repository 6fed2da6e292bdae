import type {
  DatabaseLifecycle,
  DatabaseRef,
  Inventory,
  InventoryDatabase,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** The inventory's databases in the given lifecycles, by namespace, then name. */
export function pickableDatabases(
  inventory: Inventory,
  lifecycles: readonly DatabaseLifecycle[],
): InventoryDatabase[] {
  return inventory.databases
    .filter(db => lifecycles.includes(db.lifecycle))
    .sort(
      (a, b) =>
        a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    );
}

/** True when both refer to the same database. */
export function sameDatabase(a: DatabaseRef, b: DatabaseRef): boolean {
  return a.namespace === b.namespace && a.name === b.name;
}
