/**
 * Where the chart's database custom resource lives in the Kubernetes API.
 * The chart decides this, so deployments can configure it; the backend and
 * the sandbox share the default so they agree out of the box.
 *
 * @public
 */
export interface DatabaseResourceType {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

/**
 * The default database custom resource type, after the manual's "PostgresqlDatabase resource".
 *
 * @public
 */
export const DEFAULT_DATABASE_RESOURCE_TYPE: Readonly<DatabaseResourceType> = {
  group: 'idp.jppol.dk',
  version: 'v1alpha1',
  plural: 'postgresqldatabases',
  kind: 'PostgresqlDatabase',
};
