import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  annotatedDatabaseRefs,
  dependsOnResourceRefs,
  isPostgresDatabaseResource,
  uniqueDatabaseRefs,
} from './databaseRefs';

/**
 * The databases an entity shows, and what could not be read. A problem with
 * one source does not hide the databases found in the others.
 */
export interface EntityDatabases {
  refs: DatabaseRef[];
  /** Sentences naming what was skipped and why. */
  problems: string[];
}

/**
 * Collects the databases of an entity: its own annotation (which a
 * database Resource carries too) and the annotations of the database
 * Resources it depends on, fetched from the catalog.
 */
export async function resolveEntityDatabases(
  entity: Entity,
  catalogApi: Pick<CatalogApi, 'getEntitiesByRefs'>,
): Promise<EntityDatabases> {
  const refs: DatabaseRef[] = [];
  const problems: string[] = [];

  const readAnnotation = (source: Entity) => {
    try {
      refs.push(...annotatedDatabaseRefs(source));
    } catch (error) {
      problems.push(
        `${stringifyEntityRef(source)}: ${(error as Error).message}`,
      );
    }
  };

  readAnnotation(entity);
  if (isPostgresDatabaseResource(entity) && refs.length === 0) {
    problems.push(missingAnnotation(entity));
  }

  const dependencies = dependsOnResourceRefs(entity);
  if (dependencies.length > 0) {
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: dependencies,
    });
    items.forEach((resource, index) => {
      if (!resource) {
        problems.push(`${dependencies[index]} is not in the catalog.`);
      } else if (isPostgresDatabaseResource(resource)) {
        const before = { refs: refs.length, problems: problems.length };
        readAnnotation(resource);
        if (
          refs.length === before.refs &&
          problems.length === before.problems
        ) {
          problems.push(missingAnnotation(resource));
        }
      }
    });
  }

  return { refs: uniqueDatabaseRefs(refs), problems };
}

function missingAnnotation(resource: Entity): string {
  return `${stringifyEntityRef(
    resource,
  )} is a PostgreSQL database Resource without the idp.jppol.dk/postgresql-databases annotation, so it is not known which database it is.`;
}
