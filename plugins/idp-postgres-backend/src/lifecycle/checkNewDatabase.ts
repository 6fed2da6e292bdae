import {
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseRole,
  InventoryDatabase,
  LifecycleProblem,
  MAX_IDENTIFIER_BYTES,
  NewDatabaseCheck,
  NewDatabaseProblemCode,
  databaseName,
  databaseRefProblems,
  dnsLabelProblem,
  formatDatabaseRef,
  isProductionNamespace,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { PluginConfig } from '../config/pluginConfig';
import type { InventoryStore } from '../inventory/InventoryStore';
import { inventoryUnavailable } from './inventoryUnavailable';

type Problem = LifecycleProblem<NewDatabaseProblemCode>;

/** What the new-database check reads: config and the inventory, never the platform. */
export interface NewDatabaseCheckReaders {
  config: PluginConfig;
  inventory: InventoryStore;
}

/**
 * May database `name` be created in `namespace`? Answered from names and
 * the inventory only, so the create form can ask on every keystroke at the
 * cost of a read of memory (the inventory's list is cached per refresh).
 * Any input gets an answer: what is wrong with it is a problem, not an error.
 */
export async function checkNewDatabase(
  readers: NewDatabaseCheckReaders,
  ref: DatabaseRef,
): Promise<NewDatabaseCheck> {
  const { config, inventory } = readers;
  const problems: Problem[] = databaseRefProblems(ref).map(p => ({
    code: 'invalid-name',
    message: p.message,
    field: p.field,
  }));
  if (!dnsLabelProblem(ref.namespace) && !isServed(config, ref.namespace)) {
    problems.push({
      code: 'namespace-not-served',
      field: 'namespace',
      message: `Namespace "${ref.namespace}" is not served by any IDP PostgreSQL cluster: pick a namespace of your team that has databases, or ask the platform team to add it (idpPostgres.clusters[].namespaces).`,
    });
  }
  const state = await inventory.state();
  let readd: NewDatabaseCheck['readd'];
  if (!state?.refreshedAt) {
    problems.push({
      code: 'inventory-unavailable',
      message: inventoryUnavailable(state, 'whether the name is taken'),
    });
  } else if (problems.length === 0) {
    const known = await inventory.databasesAt(state.refreshedAt);
    const same = known.find(
      db => db.namespace === ref.namespace && db.name === ref.name,
    );
    const taken = takenProblem(ref, same);
    if (taken) problems.push(taken);
    if (same?.lifecycle === 'removed-protected') readd = readdOf(same);
    problems.push(...collisions(ref, known));
  }
  const names = Object.fromEntries(
    DATABASE_ROLES.map(role => [role, roleName(ref, role)]),
  ) as Record<DatabaseRole, string>;
  return {
    namespace: ref.namespace,
    name: ref.name,
    database: databaseName(ref),
    roleNames: names,
    bytesLeft: MAX_IDENTIFIER_BYTES - Buffer.byteLength(names.admin),
    allowed: problems.length === 0,
    production: isProductionNamespace(
      ref.namespace,
      config.productionNamespacePatterns,
    ),
    problems,
    ...(readd ? { readd } : {}),
    ...(state?.refreshedAt ? { inventoryRefreshedAt: state.refreshedAt } : {}),
  };
}

function isServed(config: PluginConfig, namespace: string): boolean {
  return config.clusters.some(c => c.namespaces.includes(namespace));
}

/** The database itself is defined, or its removal has not finished. */
function takenProblem(
  ref: DatabaseRef,
  same: InventoryDatabase | undefined,
): Problem | undefined {
  if (same?.definition) {
    return {
      code: 'already-defined',
      field: 'name',
      message: `Database ${formatDatabaseRef(ref)} is already defined in ${
        same.definition.valuesPath
      } (folder ${
        same.definition.folder
      }): pick another name, or change that file instead.`,
    };
  }
  if (same?.lifecycle === 'removing') {
    return {
      code: 'already-defined',
      field: 'name',
      message: `Database ${formatDatabaseRef(
        ref,
      )} was removed from the apps repo, but its removal is still in progress (the cluster still holds its resource): wait until the removal has synced, or pick another name.`,
    };
  }
  return undefined;
}

/**
 * Kept by deletion protection after its definition was removed: defining
 * it again re-attaches to the database and its data. The inventory drops a
 * removed definition, so chart version and protection are only given when
 * an entry still carries one.
 */
function readdOf(
  db: InventoryDatabase,
): NonNullable<NewDatabaseCheck['readd']> {
  return {
    message: `Database ${formatDatabaseRef(
      db,
    )} was removed from the apps repo but kept by deletion protection: defining it again re-attaches to the existing PostgreSQL database ${
      db.database
    } and its data, and to its Secrets Manager secrets.`,
    ...(db.definition
      ? {
          chartVersion: db.definition.chartVersion,
          protected: db.definition.protected,
        }
      : {}),
  };
}

/**
 * Other databases with the same PostgreSQL name: `demo` + `dev-orders` and
 * `demo-dev` + `orders` are both `demo-dev-orders` on the shared cluster.
 * Removed ones count too, since their PostgreSQL database may remain.
 */
function collisions(ref: DatabaseRef, known: InventoryDatabase[]): Problem[] {
  const database = databaseName(ref);
  return known
    .filter(
      db =>
        db.database === database &&
        (db.namespace !== ref.namespace || db.name !== ref.name),
    )
    .map(db => ({
      code: 'name-collision',
      field: 'name',
      message: `Database ${formatDatabaseRef(
        db,
      )} already has the PostgreSQL database name "${database}" ("${
        db.namespace
      }" + "${db.name}" = "${ref.namespace}" + "${
        ref.name
      }"): both would use one database, so pick another name.`,
    }));
}
