import { InputError } from '@backstage/errors';
import { DatabaseRef, databaseRefProblems } from './names';

/**
 * Entity annotation listing the databases an entity uses, as a comma-separated
 * list of `<namespace>/<name>`.
 *
 * @public
 */
export const IDP_POSTGRES_DATABASES_ANNOTATION =
  'idp.jppol.dk/postgresql-databases';

/**
 * The catalog `spec.type` of a Resource that is a database.
 *
 * @public
 */
export const POSTGRES_DATABASE_RESOURCE_TYPE = 'postgresql-database';

/**
 * Formats a reference the way the annotation lists it.
 *
 * @public
 */
export function formatDatabaseRef(ref: DatabaseRef): string {
  return `${ref.namespace}/${ref.name}`;
}

/**
 * Parses the annotation's value. Blank items are ignored and duplicates
 * dropped; an item that is not a valid `<namespace>/<name>` throws an InputError naming it.
 *
 * @public
 */
export function parseDatabasesAnnotation(value: string): DatabaseRef[] {
  const refs = new Map<string, DatabaseRef>();
  for (const item of value.split(',').map(s => s.trim())) {
    if (item === '') {
      continue;
    }
    const parts = item.split('/');
    if (parts.length !== 2) {
      throw new InputError(
        `"${item}" in annotation ${IDP_POSTGRES_DATABASES_ANNOTATION} is not of the form <namespace>/<name>.`,
      );
    }
    const ref = { namespace: parts[0], name: parts[1] };
    const problems = databaseRefProblems(ref);
    if (problems.length > 0) {
      throw new InputError(
        `"${item}" in annotation ${IDP_POSTGRES_DATABASES_ANNOTATION}: ${problems
          .map(p => p.message)
          .join(' ')}`,
      );
    }
    refs.set(item, ref);
  }
  return [...refs.values()];
}

/**
 * The catalog name of a database's Resource, `<namespace>.<name>`. Database
 * names are only unique within a namespace, and `<namespace>-<name>` would
 * give `demo/dev-orders` and `demo-dev/orders` one entity; neither part of
 * a reference can hold a dot, so this name is unique.
 *
 * @public
 */
export function databaseEntityName(ref: DatabaseRef): string {
  return `${ref.namespace}.${ref.name}`;
}

/**
 * The entity reference of a database's Resource in the default catalog namespace.
 *
 * @public
 */
export function databaseEntityRef(ref: DatabaseRef): string {
  return `resource:default/${databaseEntityName(ref)}`;
}

/**
 * The path of the entity tab the frontend plugin adds, below an entity's page.
 *
 * @public
 */
export const IDP_POSTGRES_TAB_PATH = 'postgresql';

/**
 * The app path of a database's PostgreSQL tab,
 * `/catalog/default/resource/<namespace>.<name>/postgresql`: for links from
 * the backend and the scaffolder, which prefix the app's base URL.
 *
 * @public
 */
export function databaseTabPath(ref: DatabaseRef): string {
  return `/catalog/default/resource/${databaseEntityName(
    ref,
  )}/${IDP_POSTGRES_TAB_PATH}`;
}

/**
 * The catalog Resource that represents one database, as the create template
 * writes it next to the chart files.
 *
 * @public
 */
export function databaseEntity(
  ref: DatabaseRef,
  options: { owner: string; description: string },
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: databaseEntityName(ref),
      title: `${ref.name} (${ref.namespace})`,
      description: options.description,
      annotations: {
        [IDP_POSTGRES_DATABASES_ANNOTATION]: formatDatabaseRef(ref),
      },
    },
    spec: {
      type: POSTGRES_DATABASE_RESOURCE_TYPE,
      owner: options.owner,
    },
  };
}
