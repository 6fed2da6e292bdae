import type { ClusterConfig } from '../config/pluginConfig';
import type {
  PostgresTarget,
  RoleCredentials,
} from '../postgres/PostgresInspector';
import type { KubernetesSecret } from '../kubernetes/KubernetesGateway';

/**
 * Where the backend reaches a database: the cluster's configured route, not
 * the endpoint in the role secrets, which is the in-cluster one apps use.
 */
export function postgresTarget(
  cluster: ClusterConfig,
  database: string,
): PostgresTarget {
  return {
    host: cluster.postgres.host,
    port: cluster.postgres.port,
    ssl: cluster.postgres.ssl,
    database,
  };
}

/** A role's login from its Kubernetes secret, or undefined without a password. */
export function credentialsFrom(
  secret: KubernetesSecret | undefined,
  roleName: string,
): RoleCredentials | undefined {
  if (!secret?.data.password) return undefined;
  return {
    username: secret.data.username || roleName,
    password: secret.data.password,
  };
}
