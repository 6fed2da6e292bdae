import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ConnectionInfo,
  DatabaseRef,
  DatabaseRole,
  DatabaseStatus,
  DatabaseSummary,
  GrantApplyResult,
  GrantReport,
  RestorePlan,
  RestoreResult,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * Which secrets a restore covers and whether it may overwrite.
 *
 * @public
 */
export interface RestoreOptions {
  /** Overwrite Kubernetes secrets that differ from Secrets Manager. */
  force?: boolean;
  /** Only these roles; all three when left out. */
  roles?: DatabaseRole[];
}

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
  /** Runs the fix SQL as the admin role. */
  applyGrants(ref: DatabaseRef): Promise<GrantApplyResult>;
  /** What a restore would do, without doing it (a dry run). */
  planRestore(ref: DatabaseRef, options?: RestoreOptions): Promise<RestorePlan>;
  /** Recreates Kubernetes secrets from Secrets Manager. */
  restoreSecrets(
    ref: DatabaseRef,
    options?: RestoreOptions,
  ): Promise<RestoreResult>;
}

/**
 * The API ref of {@link IdpPostgresApi}.
 *
 * @public
 */
export const idpPostgresApiRef = createApiRef<IdpPostgresApi>({
  id: 'plugin.idp-postgres.service',
});
