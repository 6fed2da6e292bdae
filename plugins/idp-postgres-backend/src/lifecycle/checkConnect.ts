import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConnectCheck,
  ConnectProblemCode,
  ConnectWarningCode,
  DatabaseRef,
  DatabaseRole,
  InventoryDatabase,
  LifecycleProblem,
  databaseEntityRef,
  databaseRefProblems,
  dnsLabelProblem,
  formatDatabaseRef,
  printable,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseAuthorizer } from '../access/DatabaseAuthorizer';
import type { PluginConfig } from '../config/pluginConfig';
import type { InventoryStore } from '../inventory/InventoryStore';
import type { GrantService } from '../service/GrantService';
import { databaseTabUrl } from './databaseLinks';
import { inventoryUnavailable } from './inventoryUnavailable';
import { privilegeWarnings } from './privilegeWarnings';

type Problem = LifecycleProblem<ConnectProblemCode>;
type Warning = LifecycleProblem<ConnectWarningCode>;

/** What the connect check reads. */
export interface ConnectCheckReaders {
  config: PluginConfig;
  inventory: InventoryStore;
  access: DatabaseAuthorizer;
  grants: GrantService;
}

/** The question the connect template asks. */
export interface ConnectQuery extends DatabaseRef {
  role: DatabaseRole;
  appNamespace?: string;
}

/**
 * May an app use this role of this database? Existence and readiness come
 * from the inventory; only the privileges are read live (the grant report),
 * and only for a caller who may read the database's status.
 */
export async function checkConnect(
  readers: ConnectCheckReaders,
  credentials: BackstageCredentials,
  query: ConnectQuery,
): Promise<ConnectCheck> {
  const ref = { namespace: query.namespace, name: query.name };
  const problems: Problem[] = nameProblems(query);
  const warnings: Warning[] = [];
  if (problems.length === 0) {
    const state = await readers.inventory.state();
    if (!state?.refreshedAt) {
      problems.push({
        code: 'inventory-unavailable',
        message: inventoryUnavailable(state, 'the database'),
      });
    } else {
      const db = await readers.inventory.database(ref);
      const missing = notFound(ref, db);
      if (missing) problems.push(missing);
      else if (db) {
        warnings.push(...notReady(db));
        if (db.lifecycle === 'deployed' && query.role !== 'admin') {
          warnings.push(
            ...(await privilegeWarnings(readers, credentials, ref, query.role)),
          );
        }
      }
    }
    if (query.appNamespace && query.appNamespace !== query.namespace) {
      problems.push({
        code: 'other-namespace',
        field: 'appNamespace',
        message: `The app runs in namespace "${
          query.appNamespace
        }", the database in "${
          query.namespace
        }": a pod can only read secrets of its own namespace, so the app cannot read ${roleName(
          ref,
          query.role,
        )}. Connect an app of namespace "${
          query.namespace
        }", or create a database in "${query.appNamespace}".`,
      });
    }
  }
  const tabUrl = databaseTabUrl(readers.config, ref);
  return {
    namespace: query.namespace,
    name: query.name,
    role: query.role,
    ...(query.appNamespace !== undefined
      ? { appNamespace: query.appNamespace }
      : {}),
    allowed: problems.length === 0,
    problems,
    warnings,
    secretName: roleName(ref, query.role),
    entityRef: databaseEntityRef(ref),
    ...(tabUrl ? { tabUrl } : {}),
  };
}

function nameProblems(query: ConnectQuery): Problem[] {
  const problems: Problem[] = databaseRefProblems(query).map(p => ({
    code: 'invalid-name',
    message: p.message,
    field: p.field,
  }));
  const appProblem =
    query.appNamespace !== undefined
      ? dnsLabelProblem(query.appNamespace)
      : undefined;
  if (appProblem) {
    problems.push({
      code: 'invalid-name',
      field: 'appNamespace',
      message: `App namespace "${printable(
        query.appNamespace!,
      )}" ${appProblem}.`,
    });
  }
  return problems;
}

/** Unknown, or known only as what remains of a removed definition. */
function notFound(
  ref: DatabaseRef,
  db: InventoryDatabase | undefined,
): Problem | undefined {
  if (!db) {
    return {
      code: 'not-found',
      field: 'name',
      message: `The platform knows no database ${formatDatabaseRef(
        ref,
      )}: the apps repo does not define it and the cluster does not hold it. Check the names, or create it first.`,
    };
  }
  if (!db.definition) {
    return {
      code: 'not-found',
      field: 'name',
      message: `Database ${formatDatabaseRef(
        ref,
      )} was removed from the apps repo (${
        db.lifecycle === 'removing'
          ? 'its removal is still in progress'
          : 'only what deletion protection keeps remains'
      }): an app cannot connect to it. Define it again first.`,
    };
  }
  return undefined;
}

function notReady(db: InventoryDatabase): Warning[] {
  if (db.lifecycle === 'pending') {
    return [
      {
        code: 'not-ready',
        message: `Database ${formatDatabaseRef(db)} is defined in ${
          db.definition?.valuesPath
        } but not synced to the cluster yet: the app will fail to start until its secrets exist.`,
      },
    ];
  }
  if (db.state === 'error') {
    return [
      {
        code: 'not-ready',
        message: `Database ${formatDatabaseRef(db)} is not healthy as of ${
          db.checkedAt
        }: ${db.reason}`,
      },
    ];
  }
  return [];
}
