import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read a database's status, connection details and grant report. A resource
 * permission on the catalog entity that lists the database, so policies can
 * use catalog conditions such as ownership.
 */
export const idpPostgresStatusReadPermission = createPermission({
  name: 'idp-postgres.status.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Run the grant SQL as the database's admin role. */
export const idpPostgresGrantsApplyPermission = createPermission({
  name: 'idp-postgres.grants.apply',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Recreate a database's Kubernetes secrets from Secrets Manager. */
export const idpPostgresSecretsRestorePermission = createPermission({
  name: 'idp-postgres.secrets.restore',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission the IDP PostgreSQL plugins define. */
export const idpPostgresPermissions = [
  idpPostgresStatusReadPermission,
  idpPostgresGrantsApplyPermission,
  idpPostgresSecretsRestorePermission,
];
