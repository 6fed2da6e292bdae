/**
 * The catalog queries of the monitoring report, each cheap and read-only:
 * settings, one size function, one scan of `pg_stat_activity` for this
 * database and the five largest tables. `pg_stat_activity.query` is never
 * selected: query text can hold literals such as passwords.
 */

/** Server version and the connection limits that apply to this database. */
export const SETTINGS_QUERY = `
SELECT current_setting('server_version') AS server_version,
       current_setting('max_connections')::int AS max_connections,
       d.datconnlimit AS database_limit
  FROM pg_database d
 WHERE d.datname = current_database()`;

export interface SettingsRow {
  server_version: string;
  max_connections: number;
  /** -1 when the database has no limit of its own. */
  database_limit: number;
}

/** The database's size on disk. */
export const SIZE_QUERY = `SELECT pg_database_size(current_database())::text AS size_bytes`;

export interface SizeRow {
  /** bigint, as text so no precision is lost on the way. */
  size_bytes: string;
}

/**
 * Every client session of this database but the one asking. For sessions
 * of roles the admin role is not a member of, PostgreSQL shows the role
 * but hides the state, times and backend type (NULL) unless it has
 * pg_read_all_stats; autovacuum and other workers have no role.
 */
export const SESSIONS_QUERY = `
SELECT usename AS role,
       state,
       extract(epoch FROM now() - query_start)::float8 AS query_seconds,
       extract(epoch FROM now() - xact_start)::float8 AS transaction_seconds
  FROM pg_stat_activity
 WHERE datname = current_database()
   AND (backend_type = 'client backend'
        OR (backend_type IS NULL AND usename IS NOT NULL))
   AND pid <> pg_backend_pid()`;

export interface SessionRow {
  role: string | null;
  state: string | null;
  query_seconds: number | null;
  transaction_seconds: number | null;
}

/** The five largest tables with their last automatic vacuum and analyze. */
export const LARGEST_TABLES_QUERY = `
SELECT schemaname AS schema,
       relname AS table,
       pg_total_relation_size(relid)::text AS size_bytes,
       last_autovacuum,
       last_autoanalyze
  FROM pg_stat_user_tables
 ORDER BY pg_total_relation_size(relid) DESC, schemaname, relname
 LIMIT 5`;

export interface TableRow {
  schema: string;
  table: string;
  size_bytes: string;
  last_autovacuum: Date | null;
  last_autoanalyze: Date | null;
}
