import { DatabaseResourceType } from '@jppol-idp/backstage-plugin-idp-postgres-common';

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
  config: DatabaseResourceType,
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
