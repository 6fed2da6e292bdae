import type {
  ConnectionClient,
  ConnectionString,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { CONNECTION_CLIENTS } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** Where a client connects and as whom; the password is always a placeholder. */
export interface ConnectionTarget {
  host: string;
  port: number;
  database: string;
  username: string;
  /** Through a port-forward the certificate cannot match `localhost`. */
  viaPortForward: boolean;
  production: boolean;
}

/** The placeholder apps replace with the password from their environment. */
export const PASSWORD_PLACEHOLDER = '${DB_PASSWORD}';

/**
 * A connection string per client library with SSL parameters that work
 * against the platform's TLS-only PostgreSQL for that library. They differ
 * because the libraries read `sslmode` differently (see each note).
 */
export function connectionStrings(
  target: ConnectionTarget,
): ConnectionString[] {
  return CONNECTION_CLIENTS.map(client => ({
    client,
    value: connectionString(client, target),
    sslNote: sslNote(client, target),
  }));
}

function connectionString(
  client: ConnectionClient,
  t: ConnectionTarget,
): string {
  const user = encodeURIComponent(t.username);
  const db = encodeURIComponent(t.database);
  const hostPort = `${t.host}:${t.port}`;
  switch (client) {
    case 'node-postgres':
      // node-postgres reads sslmode=require as verify-full; no-verify is
      // what libpq calls require: encrypted, certificate not checked.
      return `postgres://${user}:${PASSWORD_PLACEHOLDER}@${hostPort}/${db}?sslmode=no-verify`;
    case 'jdbc':
      return `jdbc:postgresql://${hostPort}/${db}?ssl=true&sslmode=require&user=${user}&password=${PASSWORD_PLACEHOLDER}`;
    case 'psycopg':
    case 'pgx':
      return `postgresql://${user}:${PASSWORD_PLACEHOLDER}@${hostPort}/${db}?sslmode=require`;
    default:
      return `PGPASSWORD="${PASSWORD_PLACEHOLDER}" psql "host=${t.host} port=${t.port} dbname=${t.database} user=${t.username} sslmode=require"`;
  }
}

function sslNote(client: ConnectionClient, t: ConnectionTarget): string {
  const verify = t.viaPortForward
    ? 'Through a port-forward the certificate names the server, not localhost, so verify-full cannot succeed here.'
    : verifyAdvice(client, t.production);
  switch (client) {
    case 'node-postgres':
      return `node-postgres treats sslmode=require as verify-full and fails against the RDS CA; no-verify encrypts without checking the certificate (uselibpqcompat=true&sslmode=require does the same). ${verify}`;
    case 'jdbc':
      return `The PostgreSQL JDBC driver encrypts with ssl=true&sslmode=require without checking the certificate. ${verify}`;
    default:
      return `sslmode=require encrypts without checking the certificate, as the platform requires at least. ${verify}`;
  }
}

function verifyAdvice(client: ConnectionClient, production: boolean): string {
  const how =
    client === 'node-postgres'
      ? 'pass the RDS CA bundle (global-bundle.pem) as ssl.ca and drop sslmode from the URL'
      : 'use sslmode=verify-full&sslrootcert=/path/to/global-bundle.pem';
  return production
    ? `This is a production namespace: verifying the server is recommended; ${how}.`
    : `To verify the server, ${how}.`;
}
