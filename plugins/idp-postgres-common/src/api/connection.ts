import type { DatabaseRole } from '../names';

/**
 * One entry of a Helm `env:` list, exactly as the manual's
 * "Connect your Application" section writes it.
 *
 * @public
 */
export type HelmEnvEntry =
  | { name: string; value: string }
  | {
      name: string;
      valueFrom: { secretKeyRef: { name: string; key: string } };
    };

/** The client libraries we give connection strings for. @public */
export const CONNECTION_CLIENTS = [
  'node-postgres',
  'jdbc',
  'psycopg',
  'pgx',
  'psql',
] as const;

/** A client library we give a connection string for. @public */
export type ConnectionClient = (typeof CONNECTION_CLIENTS)[number];

/**
 * A connection string for one client library, with a password placeholder:
 * the real password stays in the Kubernetes secret.
 *
 * @public
 */
export interface ConnectionString {
  client: ConnectionClient;
  /** E.g. `postgres://user:${DB_PASSWORD}@host:5432/db?sslmode=no-verify`. */
  value: string;
  /** Why these SSL parameters, for this client. */
  sslNote: string;
}

/** Connection details of one role. @public */
export interface RoleConnection {
  role: DatabaseRole;
  username: string;
  /** The Kubernetes secret holding endpoint, port, username and password. */
  secretName: string;
  /** The platform's copy of that secret in AWS Secrets Manager. */
  secretsManagerSecretName: string;
  /** The `env:` block for an app's Helm values. */
  helmEnv: HelmEnvEntry[];
  /** Connection strings inside the cluster, through the proxy. */
  connectionStrings: ConnectionString[];
}

/**
 * How to connect to a database: from an app in the cluster and from a
 * laptop through a port-forward. Never contains a password.
 *
 * @public
 */
export interface ConnectionInfo {
  namespace: string;
  name: string;
  database: string;
  host: string;
  port: number;
  roles: RoleConnection[];
  local: {
    portForwardCommand: string;
    host: string;
    port: number;
    /**
     * Where to find the password for a local connection, for any role;
     * each role's own secrets are in `roles[].secretName` and
     * `roles[].secretsManagerSecretName`.
     */
    passwordSource: string;
    /** Connection strings through the port-forward, per role and client. */
    connectionStrings: Array<ConnectionString & { role: DatabaseRole }>;
  };
  links: Record<string, string>;
}
