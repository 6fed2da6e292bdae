import {
  DATABASE_ROLES,
  DatabaseRef,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { PluginConfig } from '../config/pluginConfig';
import type { ClusterClients } from '../service/ClusterClients';
import {
  CompleteConnectionInfo,
  configuredEndpoint,
  connectionInfo,
} from './connectionInfo';
import { readRoleEndpoint } from './roleEndpoint';

/**
 * Connection details with host and port from the truth: each role's
 * Kubernetes secret, read in parallel for its endpoint and port only.
 */
export class ConnectionService {
  constructor(
    private readonly config: PluginConfig,
    private readonly clients: ClusterClients,
  ) {}

  async connectionInfo(ref: DatabaseRef): Promise<CompleteConnectionInfo> {
    const cluster = clusterForNamespace(this.config, ref.namespace);
    const names = deriveDatabaseNames(ref, {
      secretsManagerNamePattern: cluster.secretsManager.namePattern,
    });
    const fallback = configuredEndpoint(this.config);
    const endpoints = await Promise.all(
      DATABASE_ROLES.map(role =>
        readRoleEndpoint(
          () => this.clients.kubernetes(cluster),
          { namespace: ref.namespace, name: names.kubernetesSecrets[role] },
          fallback,
        ),
      ),
    );
    return connectionInfo(
      ref,
      this.config,
      Object.fromEntries(DATABASE_ROLES.map((role, i) => [role, endpoints[i]])),
    );
  }
}
