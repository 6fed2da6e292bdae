import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ActionsOptions } from './ActionsOptions';
import { registerDatabaseReadAction } from './databaseReadAction';
import { databaseRefFields } from './databaseRefInput';
import { databaseStatusSchema } from './statusSchemas';

/** `get-postgres-database-status`: the live status of one database, as GET /databases/{namespace}/{name}. */
export function registerDatabaseStatusAction(
  registry: ActionsRegistryService,
  options: ActionsOptions,
): void {
  registerDatabaseReadAction(registry, options.access, {
    name: 'get-postgres-database-status',
    title: 'Get PostgreSQL database status',
    description: [
      "Checks one IDP PostgreSQL database live and returns its full status: the state of the chart's custom resource (Kubernetes conditions Ready and Synced); per role (admin, write, read) the Kubernetes secret, the AWS Secrets Manager secret (and any scheduled deletion), whether the two copies agree (compared by hash; no secret value is ever returned) and a login check; the grant report of the read and write roles; and the known errors detected, each with its root cause and a concrete fix (steps, SQL or commands, or the action that fixes it).",
      'It starts with a headline: the verdict in one sentence naming the cause, and the one next action (an action of this plugin, a scaffolder template to open, or the file to edit). Known errors that follow from another one found name it in causedBy.',
      'Every part has a state (ok, info, warning, error, unknown) and a reason; one failing system makes only its parts unknown. Read and write roles without privileges are info while no app in the apps repo uses them, and a warning naming the apps when one does.',
      'Results are cached for a short while; pass refresh: true to check again now.',
      'Fails with NotFoundError when no system knows the database.',
    ],
    schema: {
      input: z =>
        z.object({
          ...databaseRefFields(z),
          refresh: z
            .boolean()
            .optional()
            .describe(
              'Check again now instead of answering from a status checked moments ago (default false).',
            ),
        }),
      output: z => databaseStatusSchema(z),
    },
    read: (ref, input) =>
      options.status.status(ref, { refresh: input.refresh ?? false }),
  });
}
