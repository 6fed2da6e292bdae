import { createPermission } from '@backstage/plugin-permission-common';
import { DatabaseRef, databaseRefProblems } from './names';

/**
 * The permission resource type of a platform database. Its resource
 * references are `<namespace>/<name>` (see {@link databaseResourceRef}); the
 * backend resolves them from the platform inventory, so who owns a database
 * comes from the apps repo, never from a catalog entity anyone can register.
 *
 * @public
 */
export const IDP_POSTGRES_DATABASE_RESOURCE_TYPE = 'idp-postgres-database';

/**
 * The permission resource reference of a database, `<namespace>/<name>`:
 * unique per database, unlike the PostgreSQL name `<namespace>-<name>`
 * (`demo/dev-orders` and `demo-dev/orders` share that one).
 *
 * @public
 */
export function databaseResourceRef(ref: DatabaseRef): string {
  return `${ref.namespace}/${ref.name}`;
}

/**
 * Reads a {@link databaseResourceRef}; undefined when it is not a valid one.
 *
 * @public
 */
export function parseDatabaseResourceRef(
  resourceRef: string,
): DatabaseRef | undefined {
  const parts = resourceRef.split('/');
  if (parts.length !== 2) return undefined;
  const ref = { namespace: parts[0], name: parts[1] };
  return databaseRefProblems(ref).length === 0 ? ref : undefined;
}

/**
 * Read a database's status, connection details, grant report and restore
 * plan (a dry run).
 *
 * @public
 */
export const idpPostgresStatusReadPermission = createPermission({
  name: 'idp-postgres.status.read',
  attributes: { action: 'read' },
  resourceType: IDP_POSTGRES_DATABASE_RESOURCE_TYPE,
});

/** Run the grant SQL as the database's admin role. @public */
export const idpPostgresGrantsApplyPermission = createPermission({
  name: 'idp-postgres.grants.apply',
  attributes: { action: 'update' },
  resourceType: IDP_POSTGRES_DATABASE_RESOURCE_TYPE,
});

/** Recreate a database's Kubernetes secrets from Secrets Manager. @public */
export const idpPostgresSecretsRestorePermission = createPermission({
  name: 'idp-postgres.secrets.restore',
  attributes: { action: 'create' },
  resourceType: IDP_POSTGRES_DATABASE_RESOURCE_TYPE,
});

/**
 * Delete a database's three Secrets Manager secrets without a recovery
 * window: the manual's "requires elevated privileges" step of the 0.4.1 to
 * 0.5.0 upgrade. Only allowed once the definition is removed and synced.
 * The ready-made policy decision gives it to platform admins only.
 *
 * @public
 */
export const idpPostgresSecretsForceDeletePermission = createPermission({
  name: 'idp-postgres.secrets.force-delete',
  attributes: { action: 'delete' },
  resourceType: IDP_POSTGRES_DATABASE_RESOURCE_TYPE,
});

/** Every permission the IDP PostgreSQL plugins define. @public */
export const idpPostgresPermissions = [
  idpPostgresStatusReadPermission,
  idpPostgresGrantsApplyPermission,
  idpPostgresSecretsRestorePermission,
  idpPostgresSecretsForceDeletePermission,
];

/**
 * The permissions that change a database. Service callers (other plugins,
 * static tokens) get none of them unless the backend's config names them.
 *
 * @public
 */
export const idpPostgresDestructivePermissions = [
  idpPostgresGrantsApplyPermission,
  idpPostgresSecretsRestorePermission,
  idpPostgresSecretsForceDeletePermission,
];
