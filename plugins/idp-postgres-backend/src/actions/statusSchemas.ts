import type { ZodTypeAny } from 'zod/v3';
import type { Zod } from './databaseRefInput';
import { grantReportSchema } from './grantSchemas';

/** A check's state, as every status part reports it. */
export function checkStateField(z: Zod) {
  return z
    .enum(['ok', 'info', 'warning', 'error', 'unknown'])
    .describe(
      'ok: checked and fine; info: worth knowing, nothing to do (e.g. a role without privileges that no app uses); warning: works, needs attention; error: checked and broken; unknown: could not be checked (a system was down, slow or refused), the reason says why.',
    );
}

/** One check's state and reason; `extra` adds the fields of a particular check. */
function checkSchema<T extends Record<string, ZodTypeAny>>(
  z: Zod,
  what: string,
  extra: T,
) {
  return z.object({
    state: checkStateField(z),
    reason: z.string().describe(`Why ${what} has this state.`),
    ...extra,
  });
}

/**
 * The full status of one database, exact to the last field (zod drops
 * fields a schema does not name, so a loose schema would hide nothing and
 * an incomplete one would hide much; the action tests compare the output
 * with the REST API's answer).
 */
export function databaseStatusSchema(z: Zod) {
  const condition = z.object({
    type: z.string().describe('E.g. Ready, Synced.'),
    status: z.string().describe('True, False or Unknown.'),
    reason: z.string().optional().describe('E.g. Available, ReconcileError.'),
    message: z.string().optional().describe("The controller's message."),
    lastTransitionTime: z.string().optional().describe('ISO 8601.'),
  });
  const role = z.object({
    role: z.enum(['admin', 'write', 'read']).describe('The role.'),
    roleName: z.string().describe('Its PostgreSQL login role.'),
    kubernetesSecret: checkSchema(z, 'its Kubernetes secret', {}),
    secretsManagerSecret: checkSchema(z, 'its Secrets Manager secret', {
      deletionDate: z
        .string()
        .optional()
        .describe(
          'When its deletion was requested (DeletedDate, ISO 8601), if it is scheduled for deletion.',
        ),
      purgeWindow: z
        .object({
          earliest: z
            .string()
            .describe('Deletion date + 7 days, the shortest recovery window.'),
          latest: z
            .string()
            .describe('Deletion date + 30 days, the longest (and default).'),
        })
        .optional()
        .describe(
          'When a secret scheduled for deletion is purged: AWS does not report the recovery window, so a range.',
        ),
    }),
    secretAgreement: checkSchema(
      z,
      'the agreement of the two copies',
      {},
    ).describe(
      'Whether the Kubernetes and Secrets Manager copies agree, compared by hash; values are never returned.',
    ),
    login: checkSchema(z, 'the login', {
      failure: z
        .enum([
          'ssl-required',
          'wrong-password',
          'unknown-database',
          'unknown-role',
          'refused',
          'timeout',
          'tls',
          'other',
        ])
        .optional()
        .describe('Why the login failed, when it did.'),
    }).describe('A login with the credentials from the Kubernetes secret.'),
  });
  const knownError = z.object({
    id: z.string().describe('Stable id of the known error.'),
    title: z.string().describe('Its title.'),
    cause: z.string().describe('The root cause in one sentence.'),
    detail: z.string().describe('What was seen for this database.'),
    fix: z
      .object({
        steps: z.array(z.string()).describe('What to do, in order.'),
        commands: z
          .array(z.string())
          .optional()
          .describe('SQL or shell commands to run, when the fix is one.'),
        action: z
          .enum(['apply-grants', 'restore-secrets'])
          .optional()
          .describe(
            'The fix as an action: apply-postgres-grants or restore-postgres-secrets.',
          ),
        link: z
          .object({
            title: z.string().describe('What the link does.'),
            url: z
              .string()
              .describe(
                'A Backstage app path (a template with its form filled in) or a URL (the values file).',
              ),
          })
          .optional()
          .describe('Where the fix is done, when that is elsewhere.'),
      })
      .describe('The fix, made concrete for this database.'),
    causedBy: z
      .string()
      .optional()
      .describe(
        'The id of another known error found here that causes this one; fix that one first.',
      ),
  });
  const headline = z
    .object({
      sentence: z
        .string()
        .describe('The verdict in one sentence, naming the cause.'),
      next: z
        .object({
          kind: z
            .enum([
              'apply-grants',
              'restore-secrets',
              're-add-definition',
              'protect',
              'fix-values',
              'upgrade-chart',
              'wait',
              'ask-platform-team',
            ])
            .describe(
              'apply-grants and restore-secrets are actions of this plugin; re-add-definition, protect and upgrade-chart are scaffolder templates (link); fix-values is editing the values file (link); wait: the platform is still working; ask-platform-team: only they can fix it.',
            ),
          label: z.string().describe('A button label.'),
          link: z
            .string()
            .optional()
            .describe('An app path or URL, for actions done elsewhere.'),
        })
        .optional()
        .describe('The one next action; absent when nothing needs doing.'),
    })
    .describe('The verdict and the one next action.');
  return z.object({
    namespace: z.string().describe('Kubernetes namespace.'),
    name: z.string().describe('Database name in the chart values.'),
    database: z.string().describe('The PostgreSQL database name.'),
    state: checkStateField(z),
    headline,
    resource: checkSchema(z, "the chart's custom resource", {
      conditions: z.array(condition).describe('Its Kubernetes conditions.'),
    }),
    roles: z.array(role).describe('Every check per role: admin, write, read.'),
    grants: checkSchema(z, 'the grants of the read and write roles', {
      report: grantReportSchema(z)
        .optional()
        .describe('The grant report, when it could be made.'),
    }),
    knownErrors: z
      .array(knownError)
      .describe('Known errors found, each with its cause and fix.'),
    checkedAt: z.string().describe('When the checks ran (ISO 8601).'),
  });
}
