import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterConfig, PluginConfig } from '../config/pluginConfig';
import { KubernetesGateway } from '../kubernetes/KubernetesGateway';
import { PostgresInspector } from '../postgres/PostgresInspector';

/**
 * One set of clients per configured cluster, made on first use: building a
 * Kubernetes client reads files (service account, kubeconfig), which should
 * happen once, not per request.
 */
export class ClusterClients {
  private readonly kubernetesGateways = new Map<string, KubernetesGateway>();
  readonly postgres: PostgresInspector;

  constructor(private readonly config: PluginConfig, logger: LoggerService) {
    this.postgres = new PostgresInspector({
      logger,
      timeoutMs: config.timeouts.postgres,
    });
  }

  kubernetes(cluster: ClusterConfig): KubernetesGateway {
    let gateway = this.kubernetesGateways.get(cluster.name);
    if (!gateway) {
      gateway = new KubernetesGateway(cluster, this.config.timeouts.kubernetes);
      this.kubernetesGateways.set(cluster.name, gateway);
    }
    return gateway;
  }

  async close(): Promise<void> {
    await this.postgres.close();
  }
}
