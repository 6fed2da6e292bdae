/**
 * Connections to a database, counted by role and session state
 * (`pg_stat_activity`).
 *
 * @public
 */
export interface ConnectionCount {
  /** The login role, e.g. `idp-dev-orders-write`. */
  role: string;
  /** `active`, `idle`, `idle in transaction`, … */
  state: string;
  count: number;
}

/** A session that has been busy or idle in a transaction for long. Never the query text. @public */
export interface LongSession {
  role: string;
  state: string;
  /** Seconds since the query (or the idle transaction) started. */
  seconds: number;
}

/** One of the largest tables, with when autovacuum last looked at it. @public */
export interface TableUpkeep {
  schema: string;
  table: string;
  sizeBytes: number;
  lastAutovacuum?: string;
  lastAutoanalyze?: string;
}

/**
 * What the platform says about backups, from the backend's config, and what
 * restoring data means today.
 *
 * @public
 */
export interface BackupPolicy {
  /** A sentence, e.g. "Aurora keeps automated snapshots for 7 days". */
  policy: string;
  /** Where the platform documents it. */
  link?: string;
  /** How data is restored today (the manual lists backup and restore as work in progress). */
  restore: string;
}

/**
 * Read-only monitoring of one database, read as its admin role with cheap
 * catalog queries (`GET /databases/{namespace}/{name}/monitoring`). A part
 * that could not be read is absent and listed in `unknown` with the reason.
 *
 * @public
 */
export interface MonitoringReport {
  namespace: string;
  name: string;
  database: string;
  checkedAt: string;
  serverVersion?: string;
  sizeBytes?: number;
  connections?: {
    /** The database's connection limit, or the server's `max_connections` when the database has none. */
    limit: number;
    /** Where the limit comes from. */
    limitSource: 'database' | 'server';
    total: number;
    byRoleAndState: ConnectionCount[];
  };
  /** The longest-running active query, if any. */
  longestQuery?: LongSession;
  /** Sessions idle in a transaction, longest first. */
  idleInTransaction: LongSession[];
  /** The largest tables, largest first (at most 5). */
  largestTables: TableUpkeep[];
  backups: BackupPolicy;
  /** Parts that could not be read, each with its reason. */
  unknown: string[];
}
