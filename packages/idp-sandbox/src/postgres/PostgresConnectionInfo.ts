import type { ClientConfig } from 'pg';

/**
 * How to reach the sandbox PostgreSQL server as its superuser. The password is
 * secret: never log this object.
 *
 * @public
 */
export interface PostgresConnectionInfo {
  host: string;
  port: number;
  user: string;
  password: string;
  /** PEM of the CA that signed the server certificate (for verify-full). */
  caCert: string;
}

/**
 * A `pg` client configuration for the superuser over verified TLS: the
 * sandbox's own CA is trusted, so there is no need to switch verification off.
 *
 * @public
 */
export function superuserClientConfig(
  info: PostgresConnectionInfo,
  database = 'postgres',
): ClientConfig {
  return {
    host: info.host,
    port: info.port,
    user: info.user,
    password: info.password,
    database,
    ssl: { ca: info.caCert, servername: 'localhost' },
  };
}
