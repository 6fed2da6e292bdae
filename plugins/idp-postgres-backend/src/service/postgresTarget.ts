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

/**
 * A role's login: the role name derived from the database (common's naming
 * rules) with the password of the role's Kubernetes secret; undefined
 * without a password. The secret's `username` is never used: a secret
 * naming another role (the admin's, the master user's) would otherwise
 * make the backend act as that role. The status reports such a secret.
 */
export function credentialsFrom(
  secret: KubernetesSecret | undefined,
  roleName: string,
): RoleCredentials | undefined {
  if (!secret?.data.password) return undefined;
  return { username: roleName, password: secret.data.password };
}
