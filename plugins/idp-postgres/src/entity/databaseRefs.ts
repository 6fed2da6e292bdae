import {
  Entity,
  RELATION_DEPENDS_ON,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  DatabaseRef,
  IDP_POSTGRES_DATABASES_ANNOTATION,
  POSTGRES_DATABASE_RESOURCE_TYPE,
  formatDatabaseRef,
  parseDatabasesAnnotation,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * The databases an entity's own annotation lists; empty without one.
 * Throws an InputError naming a malformed item.
 */
export function annotatedDatabaseRefs(entity: Entity): DatabaseRef[] {
  const value =
    entity.metadata.annotations?.[IDP_POSTGRES_DATABASES_ANNOTATION];
  return value ? parseDatabasesAnnotation(value) : [];
}

/** Whether the entity is the catalog Resource of a database. */
export function isPostgresDatabaseResource(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === POSTGRES_DATABASE_RESOURCE_TYPE
  );
}

/**
 * The Resources the entity depends on. Whether they are databases is only
 * known after fetching them, so this returns every Resource.
 */
export function dependsOnResourceRefs(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === RELATION_DEPENDS_ON)
    .map(r => r.targetRef)
    .filter(
      ref => parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'resource',
    );
}

/** Drops repeated references, keeping the first of each. */
export function uniqueDatabaseRefs(refs: DatabaseRef[]): DatabaseRef[] {
  const byKey = new Map<string, DatabaseRef>();
  for (const ref of refs) {
    const key = formatDatabaseRef(ref);
    if (!byKey.has(key)) {
      byKey.set(key, ref);
    }
  }
  return [...byKey.values()];
}
