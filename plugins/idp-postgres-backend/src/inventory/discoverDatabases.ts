import {
  DatabaseRef,
  InventoryProblem,
  databasesInSecretsManagerNames,
  secretsManagerNamePrefix,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { ClusterConfig } from '../config/pluginConfig';
import type { ClusterClients } from '../service/ClusterClients';
import { outcomeOf } from '../status/outcome';

/** What the cluster and Secrets Manager list of one namespace. */
export interface NamespaceListing {
  namespace: string;
  cluster: ClusterConfig;
  /** Databases with a custom resource. */
  withResource: Set<string>;
  /** Databases with at least one Secrets Manager secret (scheduled ones too). */
  withSecrets: Set<string>;
  /** Why the namespace could not be listed; then its databases are not re-checked. */
  failure?: string;
}

/**
 * Lists one namespace at a cost that does not grow with its databases: one
 * list of the custom resources and one Secrets Manager prefix listing
 * (`ListSecrets` has a quota of 100/s, so never one per database).
 */
export async function listNamespace(
  clients: ClusterClients,
  cluster: ClusterConfig,
  namespace: string,
): Promise<NamespaceListing> {
  const pattern = cluster.secretsManager.namePattern;
  const [resources, listed] = await Promise.all([
    outcomeOf(clients.kubernetes(cluster).listDatabaseResources(namespace)),
    outcomeOf(
      clients
        .secretsManager(cluster)
        .listByPrefix(secretsManagerNamePrefix(namespace, pattern)),
    ),
  ]);
  const listing: NamespaceListing = {
    namespace,
    cluster,
    withResource: new Set(),
    withSecrets: new Set(),
  };
  if (!resources.ok || !listed.ok) {
    listing.failure = [
      resources.ok ? '' : `Kubernetes: ${resources.reason}`,
      listed.ok ? '' : `Secrets Manager: ${listed.reason}`,
    ]
      .filter(Boolean)
      .join('; ');
    return listing;
  }
  for (const resource of resources.value) {
    listing.withResource.add(resource.databaseName ?? resource.name);
  }
  for (const name of databasesInSecretsManagerNames(
    namespace,
    listed.value.map(s => s.name),
    pattern,
  )) {
    listing.withSecrets.add(name);
  }
  return listing;
}

/** Every namespace of every configured cluster, listed at once. */
export async function listAllNamespaces(
  clients: ClusterClients,
  clusters: ClusterConfig[],
): Promise<NamespaceListing[]> {
  return Promise.all(
    clusters.flatMap(cluster =>
      cluster.namespaces.map(ns => listNamespace(clients, cluster, ns)),
    ),
  );
}

/** The databases a listing names, with or without a definition. */
export function listedRefs(listing: NamespaceListing): DatabaseRef[] {
  const names = new Set([...listing.withResource, ...listing.withSecrets]);
  return [...names].map(name => ({ namespace: listing.namespace, name }));
}

/** A problem line for a namespace that could not be listed. */
export function listingProblem(listing: NamespaceListing): InventoryProblem {
  return {
    source: `cluster ${listing.cluster.name}, namespace ${listing.namespace}`,
    reason: `${listing.failure}; its databases keep their last known state.`,
  };
}
