import crypto from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import type {
  GrantApplyResult,
  GrantReport,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { Client, ClientConfig, Pool, PoolClient } from 'pg';
import type { PostgresSsl } from '../config/pluginConfig';
import {
  ConnectionSlots,
  DEFAULT_MAX_CONNECTIONS,
  classifyFailure,
  clientHoldingASlot,
} from './connectionSlots';
import { LoginFailure } from './classifyLoginError';
import {
  GRANT_QUERY,
  NOT_OWNED_QUERY,
  OwnerRow,
  PrivilegeGroupRow,
  grantQueryParameters,
  notOwnedQueryParameters,
} from './grantQuery';
import { GrantRoleNames, buildGrantReport } from './grantReport';
import { applyStatements } from './grantReportApply';
import {
  LARGEST_TABLES_QUERY,
  SESSIONS_QUERY,
  SETTINGS_QUERY,
  SIZE_QUERY,
  SessionRow,
  SettingsRow,
  SizeRow,
  TableRow,
} from './monitoringQueries';
import { Outcome, outcomeOf } from '../status/outcome';

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

/**
 * The rows of the monitoring queries, each query on its own, so one that
 * fails (a permission, a timeout) leaves the others.
 */
export interface MonitoringRows {
  settings: Outcome<SettingsRow | undefined>;
  size: Outcome<SizeRow | undefined>;
  sessions: Outcome<SessionRow[]>;
  tables: Outcome<TableRow[]>;
}

/** Limits of the inspector's connections. */
export interface PostgresInspectorOptions {
  logger: LoggerService;
  /** Connect, statement and query timeout, in milliseconds. */
  timeoutMs: number;
  /** How long an idle pooled connection stays open; short, so nothing lingers after a request. */
  idleTimeoutMs?: number;
  /** Connections per endpoint and role. */
  maxConnectionsPerPool?: number;
  /**
   * PostgreSQL connections open at once across the whole inspector: fresh
   * login checks and pooled admin connections, idle ones included (they are
   * closed early when a connection waits for their slot). Further
   * connections wait for a free one, at most `timeoutMs`. The plugin passes
   * `idpPostgres.maxPostgresConnections`; 10 when left out.
   */
  maxConnections?: number;
}

/**
 * Checks logins and grants of platform databases over TLS with `pg`. Admin
 * queries share a small pool per endpoint and role; login checks always open
 * a fresh connection, because a pooled one would not prove the login works.
 * Every connection, fresh or pooled, holds one of `maxConnections` slots
 * while it is open. Make one per plugin, so the cap holds for all of it.
 */
export class PostgresInspector {
  private readonly pools = new Map<string, Pool>();
  private readonly slots: ConnectionSlots;
  /** The client class of every connection we open, fresh or pooled. */
  private readonly SlottedClient: typeof Client;

  constructor(private readonly options: PostgresInspectorOptions) {
    this.slots = new ConnectionSlots(
      options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    );
    this.SlottedClient = clientHoldingASlot(
      () => this.takeSlot(),
      options.timeoutMs,
    );
  }

  /** Logs in as a role with its own credentials and classifies any failure. */
  async checkLogin(
    target: PostgresTarget,
    credentials: RoleCredentials,
  ): Promise<LoginResult> {
    const client = new this.SlottedClient(
      this.clientConfig(target, credentials),
    );
    // Errors after connect (e.g. the server going away) must not crash the process.
    client.on('error', () => {});
    let connected = false;
    try {
      await client.connect();
      connected = true;
      await client.query('SELECT 1');
      return { ok: true };
    } catch (error) {
      const failure = connectFailure(error, target, credentials.username);
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

  /**
   * The grant report of the read and write roles, from two catalog queries
   * as the admin role: privileges counted per role, kind and privilege, and
   * the objects the admin role does not own counted per owner.
   */
  async grantReport(
    target: PostgresTarget,
    roles: GrantRoleNames,
    admin: RoleCredentials,
  ): Promise<GrantReport> {
    return this.withAdmin(target, admin, async client => {
      try {
        const groups = await client.query<PrivilegeGroupRow>(
          GRANT_QUERY,
          grantQueryParameters(roles),
        );
        const owners = await client.query<OwnerRow>(
          NOT_OWNED_QUERY,
          notOwnedQueryParameters(roles.admin),
        );
        return buildGrantReport(
          target.database,
          roles,
          groups.rows,
          owners.rows,
        );
      } catch (error) {
        throw new ServiceUnavailableError(
          `The grant query on ${target.database} failed: ${
            (error as Error).message
          }`,
        );
      }
    });
  }

  /**
   * The monitoring queries, one after another on one admin connection (so
   * monitoring costs one of the plugin's connections, like a grant report).
   */
  async monitoringRows(
    target: PostgresTarget,
    admin: RoleCredentials,
  ): Promise<MonitoringRows> {
    return this.withAdmin(target, admin, async client => {
      const rows = async <T extends object>(sql: string) =>
        (await client.query<T>(sql)).rows;
      const settings = await outcomeOf(
        rows<SettingsRow>(SETTINGS_QUERY).then(r => r[0]),
      );
      const size = await outcomeOf(rows<SizeRow>(SIZE_QUERY).then(r => r[0]));
      const sessions = await outcomeOf(rows<SessionRow>(SESSIONS_QUERY));
      const tables = await outcomeOf(rows<TableRow>(LARGEST_TABLES_QUERY));
      return { settings, size, sessions, tables };
    });
  }

  /**
   * Runs the fix SQL of a fresh report in one transaction as the admin role,
   * then reports again. Running it twice changes nothing the second time.
   *
   * Objects the admin role does not own do not stop it: the grants go to
   * every other object, and the result names the ones left out with the
   * statements that hand them over. Refusing the whole apply instead
   * would leave a team's app without any privileges until someone with the
   * master user fixes one stray table, though nearly everything could have
   * been granted; the left-out objects stay in the report either way.
   */
  async applyGrants(
    target: PostgresTarget,
    roles: GrantRoleNames,
    admin: RoleCredentials,
  ): Promise<GrantApplyResult> {
    const before = await this.grantReport(target, roles, admin);
    const statements = applyStatements(before, roles);
    const warnings: string[] = [];
    if (statements.length > 0) {
      await this.withAdmin(target, admin, async client => {
        // GRANT on an object the admin role holds some privilege on but
        // does not own is a no-op with a warning, not an error; collect
        // those so the caller sees why.
        const onNotice = (notice: { message?: string }) => {
          if (notice.message) warnings.push(notice.message);
        };
        client.on('notice', onNotice);
        try {
          await client.query('BEGIN');
          for (const statement of statements) {
            await client.query(statement);
          }
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw applyFailure(error, target.database, admin.username);
        } finally {
          client.removeListener('notice', onNotice);
        }
      });
    }
    const after = await this.grantReport(target, roles, admin);
    const leftOut =
      before.notOwnedByAdmin.count > 0 &&
      before.missing.some(g => g.kind === 'table' || g.kind === 'sequence');
    return {
      database: target.database,
      statements,
      warnings: fewWarnings(warnings),
      ...(leftOut ? { skipped: before.notOwnedByAdmin } : {}),
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
      const failure = connectFailure(error, target, admin.username);
      throw new ServiceUnavailableError(
        `Cannot log in to PostgreSQL database ${target.database} as ${admin.username}: ${failure.reason}`,
      );
    }
    try {
      return await work(client);
    } finally {
      // Kept idle, the connection would hold a slot others are waiting for.
      const wanted = this.slots.waiting > 0;
      client.release(wanted);
      if (wanted) this.closeIdlePools();
    }
  }

  private takeSlot(): Promise<() => void> {
    // Idle pooled connections would otherwise hold slots until their idle
    // timeout while new connections queue behind them.
    if (this.slots.exhausted) this.closeIdlePools();
    return this.slots.acquire(this.options.timeoutMs);
  }

  /** Ends the pools that only hold idle connections, freeing their slots. */
  private closeIdlePools(): void {
    for (const [key, pool] of this.pools) {
      const idle =
        pool.totalCount > 0 &&
        pool.idleCount === pool.totalCount &&
        pool.waitingCount === 0;
      if (idle) {
        this.pools.delete(key);
        pool.end().catch(() => {});
      }
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
        Client: this.SlottedClient,
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

/** PostgreSQL warns once per object; the first few say what the rest would. */
const MAX_WARNINGS = 20;

function fewWarnings(warnings: string[]): string[] {
  const unique = [...new Set(warnings)];
  if (unique.length <= MAX_WARNINGS) return unique;
  return [
    ...unique.slice(0, MAX_WARNINGS - 1),
    `… and ${unique.length - MAX_WARNINGS + 1} more warnings like these`,
  ];
}

/**
 * A failed apply as a typed error: the transaction was rolled back, so the
 * message says nothing changed. A refused privilege (SQLSTATE 42501) means
 * the database is not as the apply expects: an object changed owner after
 * the check, or schema public is not the admin role's. That is a conflict
 * to look at, not a server fault. Anything else is PostgreSQL failing.
 */
function applyFailure(error: unknown, database: string, username: string) {
  const reason = (error as Error).message;
  const prefix = `Applying grants to ${database} as ${username} failed; nothing was changed`;
  if ((error as { code?: string }).code === '42501') {
    return new ConflictError(
      `${prefix}. PostgreSQL refused a grant: ${reason}. The admin role grants only on what it owns: an object may have changed owner since the check, or schema public is not the admin role's. Look at the grant report again and apply once more.`,
    );
  }
  return new ServiceUnavailableError(`${prefix}: ${reason}`);
}

/**
 * pg's own errors for a server that does not speak PostgreSQL's protocol:
 * something else listening on the port, or a proxy answering garbage. pg
 * meets them in the SSL negotiation it starts every connection with.
 */
const NOT_POSTGRES_PROTOCOL =
  /error establishing an SSL connection|Received unexpected|unexpected message|Unknown message code/i;

/**
 * Why a connection failed. An answer that is not PostgreSQL's protocol says
 * nothing about the role, so it is a `tls` failure (the negotiation that
 * failed), which the status shows as unknown rather than as the role's
 * fault; everything else is classified by what PostgreSQL said.
 */
function connectFailure(
  error: unknown,
  target: PostgresTarget,
  username: string,
): LoginFailure {
  const { code, message } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
  };
  if (
    code === undefined &&
    typeof message === 'string' &&
    NOT_POSTGRES_PROTOCOL.test(message)
  ) {
    return {
      failure: 'tls',
      reason: `The server at ${target.host}:${target.port} did not answer as PostgreSQL does (${message}).`,
    };
  }
  return classifyFailure(error, { username, database: target.database });
}
