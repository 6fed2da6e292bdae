import { NotFoundError } from '@backstage/errors';
import type { ClusterConfig, PluginConfig } from './pluginConfig';

/**
 * The cluster that serves a namespace. A namespace no cluster serves is not
 * one of ours, so it is reported as not found rather than as bad input.
 */
export function clusterForNamespace(
  config: PluginConfig,
  namespace: string,
): ClusterConfig {
  const cluster = config.clusters.find(c => c.namespaces.includes(namespace));
  if (!cluster) {
    throw new NotFoundError(
      `Namespace "${namespace}" is not served by any configured IDP PostgreSQL cluster`,
    );
  }
  return cluster;
}
