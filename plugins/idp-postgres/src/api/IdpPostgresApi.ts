import { createApiRef } from '@backstage/core-plugin-api';
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
  RestoreRequestBody,
  RestoreResult,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * Which secrets a restore covers and what it may do: the backend's request
 * body less `dryRun`, which the method chosen decides. Derived from the
 * common type so a new backend option reaches the client's callers.
 *
 * - `force`: overwrite Kubernetes secrets that differ from Secrets Manager.
 * - `roles`: only these roles; all three when left out.
 * - `restoreScheduledSecrets`: cancel the scheduled deletion of Secrets
 *   Manager secrets and restore from them; without it they are skipped.
 *
 * @public
 */
export type RestoreOptions = Omit<RestoreRequestBody, 'dryRun'>;

/**
 * The idp-postgres backend, as the UI uses it. Every method rejects with a
 * `ResponseError` when the backend answers with an error status.
 *
 * @public
 */
export interface IdpPostgresApi {
  /** Every database in a namespace, with its summary health. */
  listDatabases(namespace: string): Promise<DatabaseSummary[]>;
  /**
   * The full status of one database. The backend caches status; `refresh`
   * asks it to check again now.
   */
  getStatus(
    ref: DatabaseRef,
    options?: { refresh?: boolean },
  ): Promise<DatabaseStatus>;
  /** How to connect; never contains a password. */
  getConnection(ref: DatabaseRef): Promise<ConnectionInfo>;
  /** Missing and extra privileges of the read and write roles. */
  getGrants(ref: DatabaseRef): Promise<GrantReport>;
  /**
   * Read-only monitoring (size, connections, long sessions, table upkeep,
   * backups); parts that could not be read are listed in `unknown`.
   */
  getMonitoring(ref: DatabaseRef): Promise<MonitoringReport>;
  /** Runs the fix SQL as the admin role. */
  applyGrants(ref: DatabaseRef): Promise<GrantApplyResult>;
  /** What a restore would do, without doing it (a dry run). */
  planRestore(ref: DatabaseRef, options?: RestoreOptions): Promise<RestorePlan>;
  /**
   * Recreates Kubernetes secrets from Secrets Manager. When a secret could
   * not be written it rejects (the backend answers 502) with the results of
   * every secret, which {@link incompleteRestoreOf} reads from the error.
   */
  restoreSecrets(
    ref: DatabaseRef,
    options?: RestoreOptions,
  ): Promise<RestoreResult>;
  /**
   * Whether a database may be created as named: the derived names, the bytes
   * left of PostgreSQL's 63, and every problem with the input it is about.
   * The create template's form asks it while the user types.
   */
  checkNewDatabase(ref: DatabaseRef): Promise<NewDatabaseCheck>;
  /** The platform inventory, limited to the databases the user may read. */
  getInventory(): Promise<Inventory>;
}

/**
 * The API ref of {@link IdpPostgresApi}.
 *
 * @public
 */
export const idpPostgresApiRef = createApiRef<IdpPostgresApi>({
  id: 'plugin.idp-postgres.service',
});
