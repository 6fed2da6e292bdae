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

/**
 * Where a host and port were read:
 * - `role-secret`: the role's Kubernetes secret (`endpoint`, `port`), which
 *   is what an app's `DB_HOST` and `DB_PORT` read.
 * - `config`: the backend's configured proxy, when the secret could not be
 *   read or holds no usable endpoint; the note says why.
 *
 * @public
 */
export interface EndpointSource {
  from: 'role-secret' | 'config';
  /** The Kubernetes secret read (or tried), `<namespace>/<name>`. */
  secretName?: string;
  /** Where the values came from, in a sentence; for `config`, why. */
  note: string;
}

/** Connection details of one role. @public */
export interface RoleConnection {
  role: DatabaseRole;
  username: string;
  /**
   * The host an app using this role reaches the database on: its secret's
   * `endpoint` (what `DB_HOST` reads), or the configured proxy when the
   * secret could not be read. The backend always sends it; optional for
   * clients written before it.
   */
  host?: string;
  /** The port, likewise from the secret's `port`. */
  port?: number;
  /** Where `host` and `port` come from. */
  endpointSource?: EndpointSource;
  /** Where this role's password is, naming its own secrets. */
  passwordSource?: string;
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
  /** The admin role's host and port (the first role whose secret was read, when it was not). */
  host: string;
  port: number;
  /** Where `host` and `port` come from; always sent, optional for older clients. */
  endpointSource?: EndpointSource;
  roles: RoleConnection[];
  local: {
    portForwardCommand: string;
    host: string;
    port: number;
    /**
     * Where to find the password for a local connection, for any role and
     * naming none; each role's own is `roles[].passwordSource`.
     */
    passwordSource: string;
    /** Connection strings through the port-forward, per role and client. */
    connectionStrings: Array<ConnectionString & { role: DatabaseRole }>;
  };
  links: Record<string, string>;
}
