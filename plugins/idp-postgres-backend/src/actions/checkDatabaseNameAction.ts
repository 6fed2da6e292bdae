import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { checkNewDatabase } from '../lifecycle/checkNewDatabase';
import type { ActionsOptions } from './ActionsOptions';
import type { Zod } from './databaseRefInput';

/** Like the REST route: long enough for any real name, short enough to be cheap. */
const MAX_INPUT = 300;

/**
 * `check-postgres-database-name`: may a database of this name be created
 * here, as GET /checks/new-database. The input is any string: telling what
 * is wrong with a name is the point, so the schema does not refuse one.
 */
export function registerCheckDatabaseNameAction(
  registry: ActionsRegistryService,
  options: ActionsOptions,
): void {
  registry.register({
    name: 'check-postgres-database-name',
    title: 'Check a new PostgreSQL database name',
    description: [
      "Checks whether a new IDP PostgreSQL database may be created with this name in this Kubernetes namespace, before anyone writes a definition: the naming rules (DNS labels, and <namespace>-<name>-admin within PostgreSQL's 63 bytes, with the bytes left), whether a cluster serves the namespace, whether the apps repo already defines the name (or its removal is still in progress), and whether another namespace's database has the same PostgreSQL name (demo + dev-orders = demo-dev + orders).",
      'Every problem has a code, a sentence saying what to do, and the field it is about. A database removed but kept by deletion protection may be defined again (readd says so: its data is kept). production says whether deletion protection is required.',
      'Reads the platform inventory only (refreshed in the background, see inventoryRefreshedAt); changes nothing.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          namespace: z
            .string()
            .max(MAX_INPUT)
            .describe(
              'The Kubernetes namespace the database would belong to, e.g. `team-shop-dev`; checked, not required to be valid.',
            ),
          name: z
            .string()
            .max(MAX_INPUT)
            .describe(
              'The database name as it would appear in the chart values (`postgresqlDatabases[].name`), without the namespace, e.g. `orders`; checked, not required to be valid.',
            ),
        }),
      output: z => newDatabaseCheckSchema(z),
    },
    action: async ({ input }) => ({
      output: await checkNewDatabase(options, {
        namespace: input.namespace,
        name: input.name,
      }),
    }),
  });
}

function newDatabaseCheckSchema(z: Zod) {
  const problem = z.object({
    code: z
      .enum([
        'invalid-name',
        'already-defined',
        'name-collision',
        'namespace-not-served',
        'inventory-unavailable',
      ])
      .describe(
        'invalid-name: a naming rule is broken; already-defined: the apps repo defines it (or its removal is in progress); name-collision: another database has the same PostgreSQL name; namespace-not-served: no cluster serves the namespace; inventory-unavailable: nothing could be checked yet.',
      ),
    message: z.string().describe('What is wrong and what to do.'),
    field: z
      .enum(['namespace', 'name', 'role', 'appNamespace'])
      .optional()
      .describe('The input the problem is about.'),
  });
  return z.object({
    namespace: z.string().describe('The namespace checked.'),
    name: z.string().describe('The name checked.'),
    database: z
      .string()
      .describe('The PostgreSQL database it would be, <namespace>-<name>.'),
    roleNames: z
      .object({
        admin: z.string().describe('The admin role and its secret.'),
        write: z.string().describe('The write role and its secret.'),
        read: z.string().describe('The read role and its secret.'),
      })
      .describe('The PostgreSQL roles, also the Kubernetes secret names.'),
    bytesLeft: z
      .number()
      .describe(
        "Bytes left of PostgreSQL's 63 in <namespace>-<name>-admin; negative when over.",
      ),
    allowed: z.boolean().describe('True when no problem refuses the name.'),
    production: z
      .boolean()
      .describe(
        'True for a production namespace: deletion protection is then required.',
      ),
    problems: z
      .array(problem)
      .describe('Why the name is refused; empty when allowed.'),
    readd: z
      .object({
        message: z.string().describe('What defining it again does.'),
        chartVersion: z
          .string()
          .optional()
          .describe('The chart version of its last definition, when known.'),
        protected: z
          .boolean()
          .optional()
          .describe('Whether its last definition was protected, when known.'),
      })
      .optional()
      .describe(
        'Set when the database was removed but kept by deletion protection: defining it again re-attaches to its data.',
      ),
    inventoryRefreshedAt: z
      .string()
      .optional()
      .describe('When the inventory the check read was refreshed (ISO 8601).'),
  });
}
