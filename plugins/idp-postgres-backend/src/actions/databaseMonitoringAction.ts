import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ActionsOptions } from './ActionsOptions';
import { registerDatabaseReadAction } from './databaseReadAction';
import { Zod, databaseRefFields } from './databaseRefInput';

/** `get-postgres-database-monitoring`: size, connections and upkeep, as GET …/monitoring. */
export function registerDatabaseMonitoringAction(
  registry: ActionsRegistryService,
  options: ActionsOptions,
): void {
  registerDatabaseReadAction(registry, options.access, {
    name: 'get-postgres-database-monitoring',
    title: 'Get PostgreSQL database monitoring',
    description: [
      "Reads one IDP PostgreSQL database's vital signs as its admin role, with cheap catalog queries: size, connections by role and session state against the connection limit, the longest-running query and sessions idle in a transaction (ages only, never query text), the server version, and the five largest tables with their last autovacuum and autoanalyze.",
      "Also states the platform's backup policy and what restoring data means today.",
      'A part that cannot be read is listed in unknown with the reason.',
    ],
    schema: {
      input: z => z.object(databaseRefFields(z)),
      output: z => monitoringReportSchema(z),
    },
    read: ref => options.monitoring.report(ref),
  });
}

function monitoringReportSchema(z: Zod) {
  const session = z.object({
    role: z.string().describe('The login role.'),
    state: z
      .string()
      .describe(
        'active, idle in transaction, …; "not visible" when PostgreSQL hides it from the admin role.',
      ),
    seconds: z
      .number()
      .describe('Seconds since the query (or the open transaction) started.'),
  });
  return z.object({
    namespace: z.string().describe('Kubernetes namespace.'),
    name: z.string().describe('Database name in the chart values.'),
    database: z.string().describe('The PostgreSQL database name.'),
    checkedAt: z.string().describe('When it was read (ISO 8601).'),
    serverVersion: z.string().optional().describe('PostgreSQL server_version.'),
    sizeBytes: z.number().optional().describe('pg_database_size, in bytes.'),
    connections: z
      .object({
        limit: z.number().describe('The connection limit that applies.'),
        limitSource: z
          .enum(['database', 'server'])
          .describe(
            "database: the database's own limit; server: max_connections, shared by every database of the server.",
          ),
        total: z.number().describe('Client sessions open now.'),
        byRoleAndState: z
          .array(
            z.object({
              role: z.string().describe('The login role.'),
              state: z.string().describe('The session state.'),
              count: z.number().describe('How many sessions.'),
            }),
          )
          .describe('Sessions counted by role and state.'),
      })
      .optional()
      .describe('Connections against the limit.'),
    longestQuery: session
      .optional()
      .describe('The longest-running active query, if any.'),
    idleInTransaction: z
      .array(session)
      .describe('Sessions idle in a transaction, longest first (at most 10).'),
    largestTables: z
      .array(
        z.object({
          schema: z.string().describe('Schema.'),
          table: z.string().describe('Table.'),
          sizeBytes: z.number().describe('Size with indexes and TOAST.'),
          lastAutovacuum: z
            .string()
            .optional()
            .describe('Last automatic vacuum (ISO 8601), if any.'),
          lastAutoanalyze: z
            .string()
            .optional()
            .describe('Last automatic analyze (ISO 8601), if any.'),
        }),
      )
      .describe('The five largest tables, largest first.'),
    backups: z
      .object({
        policy: z.string().describe("The platform's backup policy."),
        link: z.string().optional().describe('Where it is documented.'),
        restore: z.string().describe('What restoring data means today.'),
      })
      .describe('Backups, from the backend config.'),
    unknown: z
      .array(z.string())
      .describe('Parts that could not be read, each with its reason.'),
  });
}
