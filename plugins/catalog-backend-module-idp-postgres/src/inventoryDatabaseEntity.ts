import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
  Entity,
} from '@backstage/catalog-model';
import {
  databaseEntityName,
  formatDatabaseRef,
  IDP_POSTGRES_DATABASES_ANNOTATION,
  InventoryDatabase,
  POSTGRES_DATABASE_RESOURCE_TYPE,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { providerLocationRef } from './providerLocation';

/**
 * What the mapping needs besides the inventory.
 *
 * @public
 */
export interface InventoryDatabaseEntityOptions {
  /** Owner of a database the inventory names no owner for (a full entity ref). */
  ownerWhenUnknown: string;
}

/**
 * The catalog Resource of one inventory database.
 *
 * Pure and deterministic: the same database gives a byte-identical entity
 * (fixed key order, sorted lists, absent rather than undefined keys), because
 * the catalog re-processes and re-stitches an entity whenever its hash changes.
 * For the same reason the volatile parts of the inventory (health state, check
 * time, change marker) stay out; the entity's PostgreSQL tab shows them live.
 *
 * @public
 */
export function inventoryDatabaseEntity(
  database: InventoryDatabase,
  options: InventoryDatabaseEntityOptions,
): Entity {
  const location = providerLocationRef(database);
  const annotations: Record<string, string> = {
    [IDP_POSTGRES_DATABASES_ANNOTATION]: formatDatabaseRef(database),
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
  };
  if (database.definition) {
    annotations[ANNOTATION_VIEW_URL] = database.definition.url;
    annotations[ANNOTATION_SOURCE_LOCATION] = `url:${folderUrl(
      database.definition.url,
    )}`;
  }

  const spec: Entity['spec'] = {
    type: POSTGRES_DATABASE_RESOURCE_TYPE,
    owner: database.owner?.entityRef ?? options.ownerWhenUnknown,
  };
  const users = dependents(database);
  if (users.length > 0) {
    spec.dependencyOf = users;
  }

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: databaseEntityName(database),
      namespace: 'default',
      title: `${database.name} (${database.namespace})`,
      description: database.description ?? describe(database),
      annotations,
      tags: ['postgresql', database.lifecycle],
    },
    spec,
  };
}

/** The apps that use the database, once each, in a stable order. */
function dependents(database: InventoryDatabase): string[] {
  const refs = new Set<string>();
  for (const use of database.usedBy) {
    if (use.entityRef) {
      refs.add(use.entityRef);
    }
  }
  return [...refs].sort();
}

/** A description for databases whose `catalog-info.yaml` gives none. */
function describe(database: InventoryDatabase): string {
  const what = `PostgreSQL database ${database.database} of namespace ${database.namespace}`;
  if (database.definition) {
    const state =
      database.lifecycle === 'pending' ? ', not yet on the cluster' : '';
    return `${what}, defined in ${database.definition.folder} of the apps repo${state}.`;
  }
  switch (database.lifecycle) {
    case 'removing':
      return `${what}, no longer defined in the apps repo and being removed from the cluster.`;
    case 'removed-protected':
      return `${what}, no longer defined in the apps repo; the database or its secrets remain and can be restored.`;
    default:
      return `${what} (${database.lifecycle}).`;
  }
}

/**
 * The definition's folder, for `backstage.io/source-location`: the folder holds
 * the whole definition (values, application and catalog-info files), while the
 * view URL points at the values file itself. A URL with a query or fragment
 * (some SCM hosts put the path there) is kept as it is rather than guessed at.
 */
function folderUrl(valuesUrl: string): string {
  try {
    const url = new URL(valuesUrl);
    if (url.search || url.hash) {
      return valuesUrl;
    }
    return new URL('./', url).toString();
  } catch {
    return valuesUrl;
  }
}
