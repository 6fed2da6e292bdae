import type { Entity } from '@backstage/catalog-model';
import { IDP_POSTGRES_DATABASES_ANNOTATION } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  dependsOnResourceRefs,
  isPostgresDatabaseResource,
} from './databaseRefs';

/**
 * Whether the PostgreSQL tab and card belong on this entity's page: it has
 * the databases annotation, is a database Resource, or depends on a
 * Resource.
 *
 * Entity page filters must decide without fetching, and a relation does
 * not say the target's type, so every Resource dependency counts; the tab
 * then fetches those Resources and says when none of them is a database.
 *
 * @public
 */
export function isIdpPostgresAvailable(entity: Entity): boolean {
  return (
    Boolean(entity.metadata.annotations?.[IDP_POSTGRES_DATABASES_ANNOTATION]) ||
    isPostgresDatabaseResource(entity) ||
    dependsOnResourceRefs(entity).length > 0
  );
}
