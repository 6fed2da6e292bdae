/**
 * A kind of object the emulator serves, as its discovery documents describe it.
 *
 * @public
 */
export interface ResourceType {
  /** API group; '' for the core group (`/api/v1`). */
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
}

/**
 * Where the chart's database custom resource lives. The real group and kind
 * are the chart's business and not visible from here, so they are settable;
 * the defaults follow the manual's "PostgresqlDatabase resource".
 *
 * @public
 */
export interface DatabaseResourceConfig {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

/** @public */
export const DEFAULT_DATABASE_RESOURCE: DatabaseResourceConfig = {
  group: 'idp.jppol.dk',
  version: 'v1alpha1',
  plural: 'postgresqldatabases',
  kind: 'PostgresqlDatabase',
};

export const NAMESPACES: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'namespaces',
  singular: 'namespace',
  kind: 'Namespace',
  namespaced: false,
  shortNames: ['ns'],
};

export const SECRETS: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'secrets',
  singular: 'secret',
  kind: 'Secret',
  namespaced: true,
};

/** The custom resource type for a database resource configuration. */
export function databaseResourceType(
  config: DatabaseResourceConfig,
): ResourceType {
  return {
    group: config.group,
    version: config.version,
    plural: config.plural,
    singular: config.kind.toLowerCase(),
    kind: config.kind,
    namespaced: true,
  };
}

/** `v1` for the core group, `group/version` otherwise. */
export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}
