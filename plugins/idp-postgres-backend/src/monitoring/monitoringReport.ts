import type {
  ConnectionCount,
  LongSession,
  MonitoringReport,
  TableUpkeep,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { MonitoringRows } from '../postgres/PostgresInspector';
import type { SessionRow } from '../postgres/monitoringQueries';

/** Sessions idle in a transaction listed at most; the count says how many more. */
const MAX_IDLE_IN_TRANSACTION = 10;
/** The state a session of another role has when PostgreSQL hides it from the admin role. */
export const HIDDEN_STATE = 'not visible';

type Measured = Pick<
  MonitoringReport,
  | 'serverVersion'
  | 'sizeBytes'
  | 'connections'
  | 'longestQuery'
  | 'idleInTransaction'
  | 'largestTables'
  | 'unknown'
>;

/**
 * The measured parts of a monitoring report from the query rows. A query
 * that failed leaves its parts out and says why in `unknown`, as does a
 * part PostgreSQL did not show the admin role.
 */
export function measuredParts(
  rows: MonitoringRows,
  adminRole: string,
): Measured {
  const measured: Measured = {
    idleInTransaction: [],
    largestTables: [],
    unknown: [],
  };
  const { settings, size, sessions, tables } = rows;
  if (settings.ok && settings.value) {
    measured.serverVersion = settings.value.server_version;
  } else {
    measured.unknown.push(
      `Server version and connection limit: ${whyNot(settings)}`,
    );
  }
  if (size.ok && size.value) {
    measured.sizeBytes = Number(size.value.size_bytes);
  } else {
    measured.unknown.push(`Database size: ${whyNot(size)}`);
  }
  if (sessions.ok) {
    Object.assign(measured, sessionParts(sessions.value));
    const hidden = new Set(
      sessions.value.filter(s => s.state === null).map(s => s.role),
    );
    if (hidden.size > 0) {
      measured.unknown.push(
        `The state and age of sessions of ${[...hidden].join(
          ', ',
        )} are not visible to ${adminRole} (PostgreSQL shows them only to members of the role or of pg_read_all_stats); they are counted as "${HIDDEN_STATE}".`,
      );
    }
    if (settings.ok && settings.value && measured.connections) {
      const own = settings.value.database_limit;
      measured.connections.limit =
        own >= 0 ? own : settings.value.max_connections;
      measured.connections.limitSource = own >= 0 ? 'database' : 'server';
    } else {
      // Counts against a limit of 0 would read as over the limit.
      delete measured.connections;
      measured.unknown.push(
        `Connections: the ${sessions.value.length} sessions cannot be set against a limit that was not read.`,
      );
    }
  } else {
    measured.unknown.push(`Connections and session ages: ${whyNot(sessions)}`);
  }
  if (tables.ok) {
    measured.largestTables = tables.value.map(
      (t): TableUpkeep => ({
        schema: t.schema,
        table: t.table,
        sizeBytes: Number(t.size_bytes),
        ...(t.last_autovacuum
          ? { lastAutovacuum: t.last_autovacuum.toISOString() }
          : {}),
        ...(t.last_autoanalyze
          ? { lastAutoanalyze: t.last_autoanalyze.toISOString() }
          : {}),
      }),
    );
  } else {
    measured.unknown.push(`Largest tables: ${whyNot(tables)}`);
  }
  return measured;
}

function whyNot(outcome: { ok: boolean; reason?: string }): string {
  return outcome.ok ? 'no row returned.' : `${outcome.reason}`;
}

/** Counts by role and state, the longest active query and the idle transactions. */
function sessionParts(sessions: SessionRow[]) {
  const counts = new Map<string, ConnectionCount>();
  for (const s of sessions) {
    const role = s.role ?? 'unknown';
    const state = s.state ?? HIDDEN_STATE;
    const key = `${role}\u0000${state}`;
    const count = counts.get(key) ?? { role, state, count: 0 };
    count.count += 1;
    counts.set(key, count);
  }
  const longest = sessions
    .filter(s => s.state === 'active' && s.query_seconds !== null)
    .sort((a, b) => b.query_seconds! - a.query_seconds!)[0];
  const idle = sessions
    .filter(
      s =>
        s.state?.startsWith('idle in transaction') &&
        s.transaction_seconds !== null,
    )
    .sort((a, b) => b.transaction_seconds! - a.transaction_seconds!)
    .slice(0, MAX_IDLE_IN_TRANSACTION);
  const session = (s: SessionRow, seconds: number): LongSession => ({
    role: s.role ?? 'unknown',
    state: s.state ?? HIDDEN_STATE,
    seconds: Math.round(seconds),
  });
  return {
    connections: {
      // Set from the settings by the caller; the part is dropped without them.
      limit: 0,
      limitSource: 'server' as const,
      total: sessions.length,
      byRoleAndState: [...counts.values()].sort(
        (a, b) =>
          a.role.localeCompare(b.role) || a.state.localeCompare(b.state),
      ),
    },
    ...(longest
      ? { longestQuery: session(longest, longest.query_seconds!) }
      : {}),
    idleInTransaction: idle.map(s => session(s, s.transaction_seconds!)),
  };
}
