import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { applyGrants } from '../operations/applyGrants';
import type { ActionsOptions } from './ActionsOptions';
import { databaseRefFields } from './databaseRefInput';
import { grantApplyResultSchema } from './grantSchemas';

/** `apply-postgres-grants`: runs the grant SQL, as POST /grants/apply; audited. */
export function registerApplyGrantsAction(
  registry: ActionsRegistryService,
  options: ActionsOptions,
): void {
  registry.register({
    name: 'apply-postgres-grants',
    title: 'Apply PostgreSQL grants',
    description: [
      "Grants one IDP PostgreSQL database's read and write roles the privileges they miss, by running the SQL that plan-postgres-grants shows, as the database's admin role. Returns the statements run, PostgreSQL's warnings and the grant report afterwards (anything still missing is listed there).",
      'Tables and sequences the admin role does not own are left out rather than failing the whole apply: everything else is granted, and skipped names them per owner with the ALTER … OWNER statements their owner must run. Fails with ConflictError, changing nothing, when PostgreSQL refuses a grant anyway (e.g. an object changed owner meanwhile).',
      "Changes the database's privileges. Allowed to the database's owners (as the apps repo names them) and platform admins; a service caller only when the backend lists it in idpPostgres.access.serviceSubjects. Every attempt is audited (event grants-apply).",
      'Repeating it is harmless: with nothing missing it runs nothing. Run plan-postgres-grants first to see the SQL.',
    ].join(' '),
    attributes: { readOnly: false, idempotent: true, destructive: true },
    schema: {
      input: z => z.object(databaseRefFields(z)),
      output: z => grantApplyResultSchema(z),
    },
    action: async ({ input, credentials }) => ({
      output: await applyGrants(
        options,
        { credentials },
        { namespace: input.namespace, name: input.name },
      ),
    }),
  });
}
