import type {
  DatabaseDefinition,
  Inventory,
  InventoryDatabase,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** A deployed database as the inventory reports it; tests override what they vary. */
export function inventoryDatabase(
  overrides: Partial<InventoryDatabase> = {},
): InventoryDatabase {
  const namespace = overrides.namespace ?? 'shop';
  const name = overrides.name ?? 'orders';
  return {
    namespace,
    name,
    database: `${namespace}-${name}`,
    cluster: 'dev',
    lifecycle: 'deployed',
    usedBy: [],
    state: 'ok',
    reason: 'All checks passed',
    knownErrors: [],
    checkedAt: '2025-01-01T10:00:00Z',
    change: 'unchanged',
    conflicts: [],
    ...overrides,
  };
}

/** A definition in the apps repo at `<namespace>/<folder>`. */
export function definitionAt(folder: string): DatabaseDefinition {
  return {
    folder,
    valuesPath: `${folder}/values.yaml`,
    chartVersion: '0.5.0',
    protected: true,
    url: `https://github.com/org/apps/blob/main/${folder}/values.yaml`,
  };
}

/** A refreshed inventory of the given databases. */
export function inventoryOf(
  databases: InventoryDatabase[],
  overrides: Partial<Inventory> = {},
): Inventory {
  return {
    refreshedAt: '2025-01-01T10:00:00Z',
    commit: 'abc123',
    databases,
    removed: [],
    problems: [],
    ...overrides,
  };
}
