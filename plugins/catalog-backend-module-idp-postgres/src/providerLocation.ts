import {
  DatabaseRef,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * The provider's name. The catalog ties every entity the provider emits to
 * this name, so it must never change: a new name would orphan the old
 * entities and let them block the new ones.
 *
 * @public
 */
export const IDP_POSTGRES_PROVIDER_NAME = 'idp-postgres-inventory';

/**
 * The location reference of a database's entity,
 * `idp-postgres-inventory:<namespace>/<name>`, used for the
 * `backstage.io/managed-by-location` and `…-origin-location` annotations and
 * as the entity's location key.
 *
 * It is derived from the database alone, not from the apps repo URL, so it
 * stays the same when a definition is removed (a `removed-protected` database
 * has no URL) or the repo moves. A changing location key would make the catalog
 * see a different owner of the same entity name and reject our own update.
 *
 * @public
 */
export function providerLocationRef(ref: DatabaseRef): string {
  return `${IDP_POSTGRES_PROVIDER_NAME}:${formatDatabaseRef(ref)}`;
}

/**
 * Whether an entity's `backstage.io/managed-by-location` says this provider
 * emitted it. The catalog overwrites that annotation on every entity read from
 * a location (a registered `catalog-info.yaml` cannot pretend to be ours), and
 * it also covers our entities of databases that just left the inventory, which
 * the catalog may still list for a moment after the full mutation.
 */
export function isProviderLocationRef(location: string | undefined): boolean {
  return (
    location !== undefined &&
    location.startsWith(`${IDP_POSTGRES_PROVIDER_NAME}:`)
  );
}
