import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { ClusterConfig, PluginConfig } from './pluginConfig';

/**
 * The cluster that serves a namespace. A namespace no cluster serves is not
 * one of ours, so it is reported as not found rather than as bad input.
 */
export function clusterForNamespace(
  config: PluginConfig,
  namespace: string,
): ClusterConfig {
  assertClustersConfigured(config);
  const cluster = config.clusters.find(c => c.namespaces.includes(namespace));
  if (!cluster) {
    throw new NotFoundError(
      `Namespace "${namespace}" is not served by any configured IDP PostgreSQL cluster`,
    );
  }
  return cluster;
}

/** What to do when no cluster is configured, for every route that needs one. */
export const NO_CLUSTERS_MESSAGE =
  'No IDP PostgreSQL cluster is configured yet: add idpPostgres.clusters to app-config (each with namespaces, kubernetes, secretsManager and postgres.ssl; see the idp-postgres-backend README).';

/** Throws a 503 naming the config to add when there are no clusters. */
export function assertClustersConfigured(config: PluginConfig): void {
  if (config.clusters.length === 0) {
    throw new ServiceUnavailableError(NO_CLUSTERS_MESSAGE);
  }
}
