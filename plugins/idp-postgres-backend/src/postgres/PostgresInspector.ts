import crypto from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ForwardedError, ServiceUnavailableError } from '@backstage/errors';
import type {
  GrantApplyResult,
  GrantReport,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { Client, ClientConfig, Pool, PoolClient } from 'pg';
import type { PostgresSsl } from '../config/pluginConfig';
import { LoginFailure, classifyLoginError } from './classifyLoginError';
import { GRANT_QUERY, PrivilegeRow, grantQueryParameters } from './grantQuery';
import { GrantRoleNames, buildGrantReport } from './grantReport';

/** Where one database is reached from the backend. */
export interface PostgresTarget {
  host: string;
  port: number;
  ssl: PostgresSsl;
  database: string;
}

/** A role's login, from its Kubernetes secret. Never logged. */
export interface RoleCredentials {
  username: string;
  password: string;
}

/** The outcome of a login check. */
export type LoginResult = { ok: true } | ({ ok: false } & LoginFailure);

/** Limits of the inspector's connections. */
export interface PostgresInspectorOptions {
  logger: LoggerService;
  /** Connect, statement and query timeout, in milliseconds. */
  timeoutMs: number;
  /** How long an idle pooled connection stays open; short, so nothing lingers after a request. */
  idleTimeoutMs?: number;
  /** Connections per endpoint and role. */
  maxConnectionsPerPool?: number;
}

/**
 * Checks logins and grants of platform databases over TLS with `pg`. Admin
 * queries share a small pool per endpoint and role; login checks always open
 * a fresh connection, because a pooled one would not prove the login works.
 */
export class PostgresInspector {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: PostgresInspectorOptions) {}

  /** Logs in as a role with its own credentials and classifies any failure. */
  async checkLogin(
    target: PostgresTarget,
    credentials: RoleCredentials,
  ): Promise<LoginResult> {
    const client = new Client(this.clientConfig(target, credentials));
    // Errors after connect (e.g. the server going away) must not crash the process.
    client.on('error', () => {});
    let connected = false;
    try {
      await client.connect();
      connected = true;
      await client.query('SELECT 1');
      return { ok: true };
    } catch (error) {
      const failure = classifyLoginError(error, {
        username: credentials.username,
        database: target.database,
      });
      this.options.logger.info('PostgreSQL login check failed', {
        host: target.host,
        database: target.database,
        username: credentials.username,
        failure: failure.failure,
      });
      return { ok: false, ...failure };
    } finally {
      // After a failed connect pg has already dropped the socket, and end()
      // would wait for a close that never comes.
      if (connected) {
        await client.end().catch(() => {});
      }
    }
  }

  /** The grant report of the read and write roles, from one catalog query as the admin role. */
  async grantReport(
    target: PostgresTarget,
    roles: GrantRoleNames,
    admin: RoleCredentials,
  ): Promise<GrantReport> {
    return this.withAdmin(target, admin, async client => {
      const { rows } = await client.query<PrivilegeRow>(
        GRANT_QUERY,
        grantQueryParameters(roles),
      );
      return buildGrantReport(target.database, roles, rows);
    });
  }

  /**
   * Runs the fix SQL of a fresh report in one transaction as the admin role,
   * then reports again. Running it twice changes nothing the second time.
   */
  async applyGrants(
    target: PostgresTarget,
    roles: GrantRoleNames,
    admin: RoleCredentials,
  ): Promise<GrantApplyResult> {
    const before = await this.grantReport(target, roles, admin);
    const warnings: string[] = [];
    if (before.fixSql.length > 0) {
      await this.withAdmin(target, admin, async client => {
        // GRANT on an object the admin role does not own is a no-op with a
        // warning, not an error; collect those so the caller sees why.
        const onNotice = (notice: { message?: string }) => {
          if (notice.message) warnings.push(notice.message);
        };
        client.on('notice', onNotice);
        try {
          await client.query('BEGIN');
          for (const statement of before.fixSql) {
            await client.query(statement);
          }
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw new ForwardedError(
            `Applying grants to ${target.database} as ${admin.username} failed; nothing was changed`,
            error,
          );
        } finally {
          client.removeListener('notice', onNotice);
        }
      });
    }
    const after = await this.grantReport(target, roles, admin);
    return {
      database: target.database,
      statements: before.fixSql,
      warnings,
      after,
    };
  }

  /** Closes every pool; for shutdown and tests. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map(pool => pool.end()));
  }

  private async withAdmin<T>(
    target: PostgresTarget,
    admin: RoleCredentials,
    work: (client: PoolClient) => Promise<T>,
  ): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool(target, admin).connect();
    } catch (error) {
      const failure = classifyLoginError(error, {
        username: admin.username,
        database: target.database,
      });
      throw new ServiceUnavailableError(
        `Cannot log in to ${target.database} as ${admin.username}: ${failure.reason}`,
      );
    }
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  private pool(target: PostgresTarget, credentials: RoleCredentials): Pool {
    // The password is part of the key (hashed) so a rotated secret gets a new pool.
    const key = [
      target.host,
      target.port,
      target.database,
      credentials.username,
      crypto.createHash('sha256').update(credentials.password).digest('hex'),
    ].join('\u0000');
    let pool = this.pools.get(key);
    if (!pool) {
      const created = new Pool({
        ...this.clientConfig(target, credentials),
        max: this.options.maxConnectionsPerPool ?? 2,
        idleTimeoutMillis: this.options.idleTimeoutMs ?? 1000,
        allowExitOnIdle: true,
      });
      created.on('error', error =>
        this.options.logger.warn('Idle PostgreSQL connection failed', {
          database: target.database,
          username: credentials.username,
          error: error.message,
        }),
      );
      // Drop a pool once its last connection has closed, so pools of
      // databases nobody looks at do not pile up.
      created.on('remove', () => {
        if (created.totalCount === 0 && this.pools.get(key) === created) {
          this.pools.delete(key);
          created.end().catch(() => {});
        }
      });
      this.pools.set(key, created);
      pool = created;
    }
    return pool;
  }

  private clientConfig(
    target: PostgresTarget,
    credentials: RoleCredentials,
  ): ClientConfig {
    const { timeoutMs } = this.options;
    return {
      host: target.host,
      port: target.port,
      database: target.database,
      user: credentials.username,
      password: credentials.password,
      ssl:
        target.ssl.mode === 'verify-full'
          ? {
              ca: target.ssl.ca,
              servername: target.ssl.servername,
              rejectUnauthorized: true,
            }
          : { rejectUnauthorized: false },
      connectionTimeoutMillis: timeoutMs,
      statement_timeout: timeoutMs,
      query_timeout: timeoutMs,
      application_name: 'backstage-idp-postgres',
    };
  }
}
