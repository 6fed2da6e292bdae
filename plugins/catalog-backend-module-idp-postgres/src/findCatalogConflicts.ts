import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  databaseEntityName,
  formatDatabaseRef,
  IDP_POSTGRES_DATABASES_ANNOTATION,
  InventoryDatabase,
  POSTGRES_DATABASE_RESOURCE_TYPE,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { isProviderLocationRef } from './providerLocation';

/** A catalog entity, not emitted by the provider, that claims to be a database. */
export interface CatalogConflict {
  /** The claiming entity, e.g. `resource:default/demo.orders`. */
  entityRef: string;
  /** Where the catalog read it from (its managed-by location), when it says. */
  location?: string;
  /** The inventory databases it claims, as `<namespace>/<name>`; empty when it names none the inventory knows. */
  databases: string[];
}

// Enough to decide and to report; the catalog need not send whole entities.
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'spec.type',
];

/**
 * Finds the catalog entities that stand for an inventory database but were
 * not emitted by the provider: the catalog keeps the first entity of a name,
 * so a hand-registered Resource can hold a database's name, and any Resource
 * can call itself a `postgresql-database` or carry the database annotation.
 * Such entities grant nothing (the backend authorises from the inventory);
 * they are reported so that someone removes them.
 */
export async function findCatalogConflicts(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  databases: InventoryDatabase[];
}): Promise<CatalogConflict[]> {
  const { catalog, credentials, databases } = options;
  const byEntityName = new Map(
    databases.map(d => [databaseEntityName(d), formatDatabaseRef(d)]),
  );
  const known = new Set(byEntityName.values());

  const [claimed, named] = await Promise.all([
    catalog.getEntities(
      {
        filter: [
          { kind: 'Resource', 'spec.type': POSTGRES_DATABASE_RESOURCE_TYPE },
          {
            kind: 'Resource',
            [`metadata.annotations.${IDP_POSTGRES_DATABASES_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: FIELDS,
      },
      { credentials },
    ),
    // By reference (a POST the client splits into chunks) rather than a name
    // filter, which would put every database name into one query string.
    byEntityName.size === 0
      ? { items: [] }
      : catalog.getEntitiesByRefs(
          {
            entityRefs: [...byEntityName.keys()].map(
              n => `resource:default/${n}`,
            ),
            fields: FIELDS,
          },
          { credentials },
        ),
  ]);

  const conflicts = new Map<string, CatalogConflict>();
  for (const entity of [...claimed.items, ...named.items]) {
    if (!entity || isProviderLocationRef(locationOf(entity))) {
      continue;
    }
    const entityRef = stringifyEntityRef(entity);
    if (conflicts.has(entityRef)) {
      continue;
    }
    conflicts.set(entityRef, {
      entityRef,
      location: locationOf(entity),
      databases: claimedDatabases(entity, byEntityName, known),
    });
  }
  return [...conflicts.values()].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  );
}

function locationOf(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  return (
    annotations[ANNOTATION_LOCATION] ?? annotations[ANNOTATION_ORIGIN_LOCATION]
  );
}

/**
 * The inventory databases an entity claims: by holding a database's entity
 * name in the default namespace, or by naming it in the annotation. The
 * annotation is read leniently (unknown or malformed items are skipped):
 * reporting should not fail on the very entities it reports.
 */
function claimedDatabases(
  entity: Entity,
  byEntityName: Map<string, string>,
  known: Set<string>,
): string[] {
  const claims = new Set<string>();
  // The catalog compares names case-insensitively, so `Demo.Orders` holds
  // the name of `demo/orders` too.
  const namespace = (entity.metadata.namespace ?? 'default').toLowerCase();
  const byName = byEntityName.get(entity.metadata.name.toLowerCase());
  if (namespace === 'default' && byName) {
    claims.add(byName);
  }
  const annotation =
    entity.metadata.annotations?.[IDP_POSTGRES_DATABASES_ANNOTATION] ?? '';
  for (const item of annotation.split(',').map(s => s.trim())) {
    if (known.has(item)) {
      claims.add(item);
    }
  }
  return [...claims].sort();
}
