import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ActionsOptions } from './ActionsOptions';
import { registerDatabaseReadAction } from './databaseReadAction';
import { databaseRefFields } from './databaseRefInput';
import { grantReportSchema } from './grantSchemas';

/** `plan-postgres-grants`: the grant report and its SQL, as GET /grants. */
export function registerPlanGrantsAction(
  registry: ActionsRegistryService,
  options: ActionsOptions,
): void {
  registerDatabaseReadAction(registry, options.access, {
    name: 'plan-postgres-grants',
    title: 'Plan PostgreSQL grants',
    description: [
      "Compares the privileges of one IDP PostgreSQL database's read and write roles with what the platform's grants expect, and returns what is missing and what is extra grouped per role, privilege and kind of object (a count and up to five sorted object names each, so the answer stays small however many tables there are), plus the schema-wide SQL that grants what is missing (fixSql, to run as the database's admin role).",
      'Also counts the tables and sequences the admin role does not own, which that SQL cannot fix, per owner with samples and their ALTER … OWNER statements, and gives a read-only query (notOwnedByAdmin.listSql) that lists them all.',
      'Changes nothing; apply-postgres-grants runs the SQL.',
      "Fails with NotFoundError when the admin role's Kubernetes secret is missing (restore the secrets first).",
    ],
    schema: {
      input: z => z.object(databaseRefFields(z)),
      output: z => grantReportSchema(z),
    },
    read: ref => options.grants.report(ref),
  });
}
