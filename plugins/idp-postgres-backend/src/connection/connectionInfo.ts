import {
  ConnectionInfo,
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseRole,
  HelmEnvEntry,
  deriveDatabaseNames,
  isProductionNamespace,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { PluginConfig } from '../config/pluginConfig';
import { clusterForNamespace } from '../config/clusterForNamespace';
import { connectionStrings } from './connectionStrings';

/**
 * How to connect to a database, computed from its name and the config only:
 * nothing here reads a secret, so no password can end up in the answer.
 */
export function connectionInfo(
  ref: DatabaseRef,
  config: PluginConfig,
): ConnectionInfo {
  const cluster = clusterForNamespace(config, ref.namespace);
  const names = deriveDatabaseNames(ref, {
    secretsManagerNamePattern: cluster.secretsManager.namePattern,
  });
  const { proxy } = config;
  // Apps in the cluster reach the database through the proxy service.
  const host = `${proxy.service}.${proxy.namespace}.svc.cluster.local`;
  const production = isProductionNamespace(
    ref.namespace,
    config.productionNamespacePatterns,
  );
  const localPort = proxy.port;
  return {
    namespace: ref.namespace,
    name: ref.name,
    database: names.database,
    host,
    port: proxy.port,
    roles: DATABASE_ROLES.map(role => ({
      role,
      username: names.roles[role],
      secretName: names.kubernetesSecrets[role],
      secretsManagerSecretName: names.secretsManagerSecrets[role],
      helmEnv: helmEnv(names.database, names.kubernetesSecrets[role]),
      connectionStrings: connectionStrings({
        host,
        port: proxy.port,
        database: names.database,
        username: names.roles[role],
        viaPortForward: false,
        production,
      }),
    })),
    local: {
      portForwardCommand: `kubectl port-forward -n ${proxy.namespace} svc/${proxy.service} ${localPort}:${proxy.port}`,
      host: 'localhost',
      port: localPort,
      passwordSource:
        'The "password" key of the role\'s secret in AWS Secrets Manager, or of its Kubernetes secret.',
      connectionStrings: DATABASE_ROLES.flatMap((role: DatabaseRole) =>
        connectionStrings({
          host: 'localhost',
          port: localPort,
          database: names.database,
          username: names.roles[role],
          viaPortForward: true,
          production,
        }).map(s => ({ role, ...s })),
      ),
    },
    links: Object.fromEntries(
      Object.entries(config.links).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ),
  };
}

/** The manual's "Connect your Application" env block for one role's secret. */
export function helmEnv(database: string, secretName: string): HelmEnvEntry[] {
  const fromSecret = (name: string, key: string): HelmEnvEntry => ({
    name,
    valueFrom: { secretKeyRef: { name: secretName, key } },
  });
  return [
    { name: 'DB_NAME', value: database },
    fromSecret('DB_USER', 'username'),
    fromSecret('DB_PASSWORD', 'password'),
    fromSecret('DB_HOST', 'endpoint'),
    fromSecret('DB_PORT', 'port'),
  ];
}
