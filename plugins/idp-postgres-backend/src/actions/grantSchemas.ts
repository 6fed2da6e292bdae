import type { Zod } from './databaseRefInput';

/** The grant report, exactly as GET /grants answers it. */
export function grantReportSchema(z: Zod) {
  const finding = z.object({
    role: z.enum(['write', 'read']).describe('The role the privilege is for.'),
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
    object: z
      .string()
      .describe(
        "The object's name; for default privileges, the schema they apply in.",
      ),
    privilege: z.string().describe('E.g. SELECT, INSERT, USAGE.'),
  });
  return z.object({
    database: z.string().describe('The PostgreSQL database.'),
    adminRole: z
      .string()
      .describe('The role the check ran as, and the fix runs as.'),
    missing: z
      .array(finding)
      .describe("Privileges the platform's grants expect and the roles lack."),
    extra: z
      .array(finding)
      .describe('Privileges the roles have beyond the expected ones.'),
    fixSql: z
      .array(z.string())
      .describe(
        'SQL that grants what is missing, run as the admin role; empty when nothing is missing.',
      ),
    notOwnedByAdmin: z
      .array(
        z.object({
          kind: z.enum(['table', 'sequence']).describe('The object kind.'),
          object: z.string().describe('Its name in schema public.'),
          owner: z.string().describe('The role that owns it now.'),
          fixSql: z
            .string()
            .describe(
              'ALTER … OWNER TO the admin role, to be run by the current owner or the master user.',
            ),
        }),
      )
      .optional()
      .describe(
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
      .describe('The statements run; empty when nothing was missing.'),
    warnings: z
      .array(z.string())
      .describe(
        "PostgreSQL's warnings, e.g. no privileges granted on an object the admin role does not own.",
      ),
    after: grantReportSchema(z).describe(
      'The grant report after applying; anything still missing is listed.',
    ),
  });
}
