import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ConnectionInfo,
  DatabaseRef,
  DatabaseStatus,
  DatabaseSummary,
  GrantApplyResult,
  GrantReport,
  Inventory,
  MonitoringReport,
  NewDatabaseCheck,
  RestorePlan,
  RestoreResult,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { IdpPostgresApi, RestoreOptions } from './IdpPostgresApi';

/**
 * {@link IdpPostgresApi} over HTTP. It goes through `fetchApi` so the
 * user's Backstage token travels with every request.
 *
 * @public
 */
export class IdpPostgresClient implements IdpPostgresApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listDatabases(namespace: string): Promise<DatabaseSummary[]> {
    const query = new URLSearchParams({ namespace });
    const body = await this.request<{ items: DatabaseSummary[] }>(
      `/databases?${query}`,
    );
    return body.items;
  }

  getStatus(
    ref: DatabaseRef,
    options?: { refresh?: boolean },
  ): Promise<DatabaseStatus> {
    const query = options?.refresh ? '?refresh=true' : '';
    return this.request(`${databasePath(ref)}${query}`);
  }

  getConnection(ref: DatabaseRef): Promise<ConnectionInfo> {
    return this.request(`${databasePath(ref)}/connection`);
  }

  getGrants(ref: DatabaseRef): Promise<GrantReport> {
    return this.request(`${databasePath(ref)}/grants`);
  }

  getMonitoring(ref: DatabaseRef): Promise<MonitoringReport> {
    return this.request(`${databasePath(ref)}/monitoring`);
  }

  applyGrants(ref: DatabaseRef): Promise<GrantApplyResult> {
    return this.request(`${databasePath(ref)}/grants/apply`, {
      method: 'POST',
    });
  }

  planRestore(
    ref: DatabaseRef,
    options: RestoreOptions = {},
  ): Promise<RestorePlan> {
    return this.request(`${databasePath(ref)}/restore`, {
      method: 'POST',
      body: { ...options, dryRun: true },
    });
  }

  restoreSecrets(
    ref: DatabaseRef,
    options: RestoreOptions = {},
  ): Promise<RestoreResult> {
    return this.request(`${databasePath(ref)}/restore`, {
      method: 'POST',
      body: { ...options, dryRun: false },
    });
  }

  checkNewDatabase(ref: DatabaseRef): Promise<NewDatabaseCheck> {
    // A query, not a path: the name may be anything the user typed, and the
    // check is what says whether it is valid.
    const query = new URLSearchParams({
      namespace: ref.namespace,
      name: ref.name,
    });
    return this.request(`/checks/new-database?${query}`);
  }

  getInventory(): Promise<Inventory> {
    return this.request('/inventory');
  }

  private async request<T>(
    path: string,
    init: { method?: 'GET' | 'POST'; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('idp-postgres');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      ...(init.body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(init.body),
          }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

// Names are validated DNS labels already, but encoding keeps a bad
// annotation from turning into a different path.
function databasePath(ref: DatabaseRef): string {
  return `/databases/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
    ref.name,
  )}`;
}
