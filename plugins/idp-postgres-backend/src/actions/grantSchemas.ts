import { GRANT_REPORT_SAMPLES } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { Zod } from './databaseRefInput';

/** The objects the admin role does not own, as the grant report counts them. */
function notOwnedByAdminSchema(z: Zod) {
  const finding = z.object({
    kind: z
      .enum(['table', 'sequence'])
      .describe('The object kind; views and the like count as tables.'),
    object: z.string().describe('Its name in schema public.'),
    owner: z.string().describe('The role that owns it now.'),
    fixSql: z
      .string()
      .describe(
        'ALTER … OWNER TO the admin role, to be run by the current owner or the master user.',
      ),
  });
  return z.object({
    count: z
      .number()
      .int()
      .describe(
        'How many tables and sequences of schema public the admin role does not own; 0 when it owns all.',
      ),
    ownerCount: z.number().int().describe('How many roles own them.'),
    owners: z
      .array(
        z.object({
          owner: z.string().describe('The role that owns these objects.'),
          count: z.number().int().describe('How many objects it owns.'),
          samples: z
            .array(finding)
            .describe(
              `Up to ${GRANT_REPORT_SAMPLES} of them, tables first, each with its statement.`,
            ),
        }),
      )
      .describe('Per owner, most objects first; at most 10 owners.'),
    listSql: z
      .string()
      .describe(
        'A read-only query listing every such object with its owner and ALTER … OWNER TO statement.',
      ),
  });
}

/** The grant report, exactly as GET /grants answers it. */
export function grantReportSchema(z: Zod) {
  const group = z.object({
    role: z.enum(['write', 'read']).describe('The role the privilege is for.'),
    privilege: z.string().describe('E.g. SELECT, INSERT, USAGE.'),
    kind: z
      .enum([
        'schema',
        'table',
        'sequence',
        'default-tables',
        'default-sequences',
      ])
      .describe(
        'What the privilege is on; default-* are default privileges for objects the admin role creates later.',
      ),
    count: z
      .number()
      .int()
      .describe(
        'How many objects of this kind it holds for; 1 for schema and default privileges.',
      ),
    samples: z
      .array(z.string())
      .describe(
        `Up to ${GRANT_REPORT_SAMPLES} object names, sorted; for schema and default privileges, the schema.`,
      ),
  });
  return z.object({
    database: z.string().describe('The PostgreSQL database.'),
    adminRole: z
      .string()
      .describe('The role the check ran as, and the fix runs as.'),
    objects: z
      .object({
        tables: z
          .number()
          .int()
          .describe('Tables, views and the like in schema public.'),
        sequences: z.number().int().describe('Sequences in schema public.'),
      })
      .describe('How many objects the check looked at.'),
    missing: z
      .array(group)
      .describe(
        "Privileges the platform's grants expect and the roles lack, one entry per role, privilege and kind of object.",
      ),
    extra: z
      .array(group)
      .describe(
        'Privileges the roles have beyond the expected ones, grouped the same way.',
      ),
    fixSql: z
      .array(z.string())
      .describe(
        'Schema-wide SQL that grants what is missing, run as the admin role; empty when nothing is missing.',
      ),
    notOwnedByAdmin: notOwnedByAdminSchema(z).describe(
      'Objects the admin role does not own, whose privileges fixSql cannot grant.',
    ),
    checkedAt: z.string().describe('When the check ran (ISO 8601).'),
  });
}

/** What applying the grant SQL did, as POST /grants/apply answers it. */
export function grantApplyResultSchema(z: Zod) {
  return z.object({
    database: z.string().describe('The PostgreSQL database.'),
    statements: z
      .array(z.string())
      .describe(
        'The statements run; empty when nothing was missing. With objects the admin role does not own, the table and sequence grants are DO blocks granting per owned object.',
      ),
    warnings: z
      .array(z.string())
      .describe("PostgreSQL's warnings, at most 20."),
    skipped: notOwnedByAdminSchema(z)
      .optional()
      .describe(
        'Set when objects the admin role does not own were left out: everything else was granted; these stay missing until their owner runs the ALTER … OWNER TO statements.',
      ),
    after: grantReportSchema(z).describe(
      'The grant report after applying; anything still missing is listed.',
    ),
  });
}
