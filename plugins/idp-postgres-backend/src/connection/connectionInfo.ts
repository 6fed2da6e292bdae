import {
  ConnectionInfo,
  DATABASE_ROLES,
  EndpointSource,
  RoleConnection,
  DatabaseRef,
  DatabaseRole,
  HelmEnvEntry,
  deriveDatabaseNames,
  isProductionNamespace,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { PluginConfig } from '../config/pluginConfig';
import { clusterForNamespace } from '../config/clusterForNamespace';
import { connectionStrings } from './connectionStrings';
import type { RoleEndpoint } from './roleEndpoint';

/**
 * Connection details as this backend always sends them: the fields common
 * keeps optional for clients written before them are all there.
 */
export type CompleteConnectionInfo = ConnectionInfo & {
  endpointSource: EndpointSource;
  roles: Array<
    RoleConnection &
      Required<
        Pick<
          RoleConnection,
          'host' | 'port' | 'endpointSource' | 'passwordSource'
        >
      >
  >;
};

/** The in-cluster proxy apps reach databases through, from config. */
export function configuredEndpoint(config: PluginConfig): {
  host: string;
  port: number;
} {
  const { proxy } = config;
  return {
    host: `${proxy.service}.${proxy.namespace}.svc.cluster.local`,
    port: proxy.port,
  };
}

/**
 * How to connect to a database. Host and port per role are the ones its
 * Kubernetes secret holds (`endpoints`, read by the caller without the
 * password); a role without one gets the configured proxy, saying so.
 * Nothing here sees a password, so none can end up in the answer.
 */
export function connectionInfo(
  ref: DatabaseRef,
  config: PluginConfig,
  endpoints: Partial<Record<DatabaseRole, RoleEndpoint>> = {},
): CompleteConnectionInfo {
  const cluster = clusterForNamespace(config, ref.namespace);
  const names = deriveDatabaseNames(ref, {
    secretsManagerNamePattern: cluster.secretsManager.namePattern,
  });
  const { proxy } = config;
  const endpointOf = (role: DatabaseRole): RoleEndpoint =>
    endpoints[role] ?? {
      ...configuredEndpoint(config),
      source: {
        from: 'config',
        note: `Kubernetes secret ${ref.namespace}/${names.kubernetesSecrets[role]} was not read, so host and port are the configured proxy's (idpPostgres.proxy).`,
      },
    };
  // The admin role's, unless only another role's secret could be read.
  const main =
    DATABASE_ROLES.map(endpointOf).find(e => e.source.from === 'role-secret') ??
    endpointOf('admin');
  const production = isProductionNamespace(
    ref.namespace,
    config.productionNamespacePatterns,
  );
  const localPort = proxy.port;
  return {
    namespace: ref.namespace,
    name: ref.name,
    database: names.database,
    host: main.host,
    port: main.port,
    endpointSource: main.source,
    roles: DATABASE_ROLES.map(role => {
      const endpoint = endpointOf(role);
      return {
        role,
        username: names.roles[role],
        host: endpoint.host,
        port: endpoint.port,
        endpointSource: endpoint.source,
        passwordSource: `The "password" key of Secrets Manager secret ${names.secretsManagerSecrets[role]}, or of Kubernetes secret ${ref.namespace}/${names.kubernetesSecrets[role]}.`,
        secretName: names.kubernetesSecrets[role],
        secretsManagerSecretName: names.secretsManagerSecrets[role],
        helmEnv: helmEnv(names.database, names.kubernetesSecrets[role]),
        connectionStrings: connectionStrings({
          host: endpoint.host,
          port: endpoint.port,
          database: names.database,
          username: names.roles[role],
          viaPortForward: false,
          production,
        }),
      };
    }),
    local: {
      portForwardCommand: `kubectl port-forward -n ${proxy.namespace} svc/${proxy.service} ${localPort}:${proxy.port}`,
      host: 'localhost',
      port: localPort,
      passwordSource:
        'The "password" key of the role\'s own secret in AWS Secrets Manager, or of its Kubernetes secret (each role\'s passwordSource names them).',
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
