import type { Entity } from '@backstage/catalog-model';
import {
  databaseEntity,
  IDP_POSTGRES_DATABASES_ANNOTATION,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** A Component that depends on the given entity refs. */
export function componentDependingOn(...targetRefs: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: targetRefs.map(targetRef => ({ type: 'dependsOn', targetRef })),
  };
}

/** A database Resource as the create template registers it. */
export function databaseResource(
  namespace: string,
  name: string,
  /** The annotation's value; null for none. */
  annotation: string | null = `${namespace}/${name}`,
): Entity {
  const entity = databaseEntity(
    { namespace, name },
    { owner: 'team-a', description: name },
  );
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      namespace: 'default',
      annotations:
        annotation === null
          ? {}
          : { [IDP_POSTGRES_DATABASES_ANNOTATION]: annotation },
    },
  };
}
