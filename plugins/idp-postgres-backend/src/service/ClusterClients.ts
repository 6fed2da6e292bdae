import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import type { ClusterConfig, PluginConfig } from '../config/pluginConfig';
import { KubernetesGateway } from '../kubernetes/KubernetesGateway';
import { PostgresInspector } from '../postgres/PostgresInspector';
import { SecretsManagerGateway } from '../secretsManager/SecretsManagerGateway';

/**
 * One set of clients per configured cluster, made on first use: building a
 * Kubernetes client reads files (service account, kubeconfig), and the
 * Kubernetes gateway and SDK client keep their connections, so each should
 * exist once, not per request. The PostgreSQL inspector is shared by all
 * clusters, so its connection cap holds for the whole plugin. AWS credentials
 * come from the app's `aws` config through Backstage's credentials manager.
 */
export class ClusterClients {
  private readonly kubernetesGateways = new Map<string, KubernetesGateway>();
  private readonly secretsManagerGateways = new Map<
    string,
    SecretsManagerGateway
  >();
  readonly postgres: PostgresInspector;

  constructor(
    private readonly config: PluginConfig,
    logger: LoggerService,
    private readonly aws: AwsCredentialsManager,
  ) {
    this.postgres = new PostgresInspector({
      logger,
      timeoutMs: config.timeouts.postgres,
      maxConnections: config.maxPostgresConnections,
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

  secretsManager(cluster: ClusterConfig): SecretsManagerGateway {
    let gateway = this.secretsManagerGateways.get(cluster.name);
    if (!gateway) {
      gateway = new SecretsManagerGateway(
        cluster,
        this.config.timeouts.secretsManager,
        this.awsCredentials(cluster.secretsManager.accountId),
      );
      this.secretsManagerGateways.set(cluster.name, gateway);
    }
    return gateway;
  }

  /**
   * Credentials of the cluster's AWS account (the main account's without
   * one), resolved when the SDK first asks, so an account the `aws` config
   * lacks makes Secrets Manager checks unknown with the reason instead of
   * stopping the backend. The SDK keeps them until they expire.
   */
  private awsCredentials(accountId?: string): AwsCredentialIdentityProvider {
    return async () => {
      const { sdkCredentialProvider } = await this.aws.getCredentialProvider(
        accountId ? { accountId } : undefined,
      );
      return sdkCredentialProvider();
    };
  }

  async close(): Promise<void> {
    for (const gateway of this.kubernetesGateways.values()) {
      gateway.destroy();
    }
    this.kubernetesGateways.clear();
    for (const gateway of this.secretsManagerGateways.values()) {
      gateway.destroy();
    }
    this.secretsManagerGateways.clear();
    await this.postgres.close();
  }
}
