import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  IDP_POSTGRES_DATABASES_ANNOTATION,
  formatDatabaseRef,
  parseDatabasesAnnotation,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { parseAllDocuments } from 'yaml';

/** What one entity of a folder's `catalog-info.yaml` says of a database. */
export interface Described {
  owner?: string;
  description?: string;
}

/** A definition folder's `catalog-info.yaml`, as far as the inventory reads it. */
export interface CatalogInfo {
  /** Per database the entities' annotation lists (`<namespace>/<name>`). */
  databases: Map<string, Described>;
  /** The one entity of the file, which then speaks for every database of the folder. */
  single?: Described;
  /** The folder's Component, as an entity ref: the app that uses databases. */
  component?: string;
}

interface EntityLike {
  kind?: unknown;
  metadata?: {
    name?: unknown;
    namespace?: unknown;
    description?: unknown;
    annotations?: Record<string, unknown>;
  };
  spec?: { owner?: unknown };
}

/**
 * Reads a folder's `catalog-info.yaml` (any number of documents). The file
 * reached the apps repo's main branch through review, which is why the
 * inventory trusts the owners it names, and only for this folder's own
 * databases.
 */
export function readCatalogInfo(text: string | undefined): CatalogInfo {
  const info: CatalogInfo = { databases: new Map() };
  if (text === undefined) return info;
  const entities: EntityLike[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      throw new Error(
        `catalog-info.yaml is not valid YAML: ${doc.errors[0].message}`,
      );
    }
    const value = doc.toJS({ maxAliasCount: 50 }) as EntityLike | null;
    if (value && typeof value === 'object') entities.push(value);
  }
  for (const entity of entities) {
    const described = describe(entity);
    const annotation =
      entity.metadata?.annotations?.[IDP_POSTGRES_DATABASES_ANNOTATION];
    if (typeof annotation === 'string') {
      for (const ref of parseDatabasesAnnotation(annotation)) {
        info.databases.set(formatDatabaseRef(ref), described);
      }
    }
    if (entity.kind === 'Component' && !info.component) {
      info.component = entityRefOf(entity, 'component');
    }
  }
  if (entities.length === 1) info.single = describe(entities[0]);
  return info;
}

function describe(entity: EntityLike): Described {
  return {
    owner: ownerOf(entity),
    description:
      typeof entity.metadata?.description === 'string'
        ? entity.metadata.description
        : undefined,
  };
}

function ownerOf(entity: EntityLike): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner.trim(), { defaultKind: 'group' }),
    );
  } catch {
    return undefined;
  }
}

function entityRefOf(entity: EntityLike, kind: string): string | undefined {
  const name = entity.metadata?.name;
  if (typeof name !== 'string') return undefined;
  const namespace =
    typeof entity.metadata?.namespace === 'string'
      ? entity.metadata.namespace
      : 'default';
  return stringifyEntityRef({ kind, namespace, name });
}
