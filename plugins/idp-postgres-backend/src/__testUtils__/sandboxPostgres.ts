import crypto from 'node:crypto';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import {
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseRole,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  PostgresConnectionInfo,
  superuserClientConfig,
} from '@jppol-idp/idp-sandbox';

/** A database made the way the platform makes one, with its role passwords. */
export interface PlatformDatabase {
  database: string;
  roles: Record<DatabaseRole, string>;
  passwords: Record<DatabaseRole, string>;
}

/**
 * Creates a database like the platform does: the admin role owns the
 * database and schema public, read and write get nothing. PostgreSQL 15+
 * still lets PUBLIC use schema public, so that is revoked too, or the
 * manual's first grant could never be missing. Passwords are random per
 * run so none is ever written down.
 */
export async function createPlatformDatabase(
  server: PostgresConnectionInfo,
  ref: DatabaseRef,
): Promise<PlatformDatabase> {
  const names = deriveDatabaseNames(ref);
  const passwords = Object.fromEntries(
    DATABASE_ROLES.map(role => [
      role,
      crypto.randomBytes(18).toString('base64url'),
    ]),
  ) as Record<DatabaseRole, string>;
  const db = escapeIdentifier(names.database);
  const superuser = new Client(superuserClientConfig(server));
  await superuser.connect();
  try {
    await superuser.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    for (const role of DATABASE_ROLES) {
      const name = escapeIdentifier(names.roles[role]);
      await superuser.query(`DROP ROLE IF EXISTS ${name}`);
      await superuser.query(
        `CREATE ROLE ${name} LOGIN PASSWORD ${escapeLiteral(passwords[role])}`,
      );
    }
    const admin = escapeIdentifier(names.roles.admin);
    await superuser.query(`CREATE DATABASE ${db} OWNER ${admin}`);
  } finally {
    await superuser.end();
  }
  const inDatabase = new Client(superuserClientConfig(server, names.database));
  await inDatabase.connect();
  try {
    await inDatabase.query(
      `ALTER SCHEMA public OWNER TO ${escapeIdentifier(names.roles.admin)}`,
    );
    await inDatabase.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
  } finally {
    await inDatabase.end();
  }
  return { database: names.database, roles: names.roles, passwords };
}

/** Runs SQL in the database as one of its roles, over TLS. */
export async function runAs(
  server: PostgresConnectionInfo,
  database: PlatformDatabase,
  role: DatabaseRole,
  sql: string,
): Promise<unknown[]> {
  const client = new Client({
    ...superuserClientConfig(server, database.database),
    user: database.roles[role],
    password: database.passwords[role],
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** How many server connections a role has open right now. */
export async function openConnections(
  server: PostgresConnectionInfo,
  role: string,
): Promise<number> {
  const client = new Client(superuserClientConfig(server));
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1',
      [role],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}
