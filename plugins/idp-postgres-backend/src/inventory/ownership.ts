import type {
  DatabaseOwner,
  DatabaseRef,
  InventoryDatabase,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { PluginConfig } from '../config/pluginConfig';
import type { DefinedDatabase } from './appsRepo/parseAppsRepo';

/**
 * Who owns a database, from what the platform deploys only: the definition
 * folder's `catalog-info.yaml` on the apps repo's main branch (reviewed by
 * pull request), else the owner read there before the definition was
 * removed (a protected database outlives its definition), else the
 * configured owner of its namespace. Never from a catalog entity.
 */
export function ownerOf(
  ref: DatabaseRef,
  definedAs: DefinedDatabase | undefined,
  before: InventoryDatabase | undefined,
  config: PluginConfig,
): DatabaseOwner | undefined {
  if (definedAs?.owner) {
    return {
      entityRef: definedAs.owner.entityRef,
      source: 'apps-repo',
      path: definedAs.owner.path,
    };
  }
  const earlier = before?.owner;
  if (
    !definedAs &&
    earlier &&
    (earlier.source === 'apps-repo' ||
      earlier.source === 'apps-repo-before-removal')
  ) {
    return { ...earlier, source: 'apps-repo-before-removal' };
  }
  const configured = config.inventory.namespaceOwners[ref.namespace];
  return configured
    ? { entityRef: configured, source: 'namespace-config' }
    : undefined;
}
