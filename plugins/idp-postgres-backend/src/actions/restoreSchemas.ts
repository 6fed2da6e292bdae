import type { Zod } from './databaseRefInput';

/** The options restore and its plan share, as the REST body has them. */
export function restoreOptionFields(z: Zod) {
  return {
    roles: z
      .array(z.enum(['admin', 'write', 'read']))
      .optional()
      .describe(
        "Only these roles' secrets (admin, write, read); all three when left out.",
      ),
    force: z
      .boolean()
      .optional()
      .describe(
        'Overwrite Kubernetes secrets that differ from their Secrets Manager copy (default false: they are left alone and reported as skip-differs).',
      ),
    restoreScheduledSecrets: z
      .boolean()
      .optional()
      .describe(
        'Cancel the scheduled deletion of Secrets Manager secrets and restore from them (default false: such roles are skipped as skip-scheduled-for-deletion).',
      ),
  };
}

function planItemFields(z: Zod) {
  return {
    role: z.enum(['admin', 'write', 'read']).describe('The role.'),
    secretName: z.string().describe('Its Kubernetes secret.'),
    secretsManagerName: z.string().describe('Its Secrets Manager secret.'),
    action: z
      .enum([
        'create',
        'overwrite',
        'skip-differs',
        'skip-in-sync',
        'skip-scheduled-for-deletion',
        'skip-source-missing',
      ])
      .describe(
        'create: the Kubernetes secret is missing; overwrite: it differs and force was given; skip-differs: it differs, no force; skip-in-sync: it agrees; skip-scheduled-for-deletion: the Secrets Manager secret is scheduled for deletion; skip-source-missing: nothing to restore from.',
      ),
    reason: z.string().describe('Why, in a sentence.'),
    secretsManagerStep: z
      .enum(['cancel-deletion'])
      .optional()
      .describe(
        'A Secrets Manager step before the action: cancel the scheduled deletion.',
      ),
    target: z
      .enum(['secret', 'external-secret'])
      .optional()
      .describe(
        'What create or overwrite writes: the Secret, or an ExternalSecret that makes it (by backend config).',
      ),
  };
}

/** A restore plan, as a REST dry run answers it. */
export function restorePlanSchema(z: Zod) {
  return z.object({
    namespace: z.string().describe('Kubernetes namespace.'),
    name: z.string().describe('Database name in the chart values.'),
    items: z
      .array(z.object(planItemFields(z)))
      .describe('What restore would do, per role.'),
  });
}

/** What a restore did, as the REST route answers it, with its failure in words. */
export function restoreResultSchema(z: Zod) {
  return z.object({
    namespace: z.string().describe('Kubernetes namespace.'),
    name: z.string().describe('Database name in the chart values.'),
    dryRun: z.boolean().describe('Always false: the restore ran.'),
    outcome: z
      .enum(['complete', 'partial', 'failed'])
      .describe(
        'complete: every secret was written or skipped as planned; partial: some were written and some failed; failed: nothing was written and something failed. Only complete means the restore did what the plan said.',
      ),
    failure: z
      .string()
      .optional()
      .describe(
        'When outcome is not complete: which secrets could not be restored and why. Running the restore again retries them (done ones are then skipped as in sync).',
      ),
    items: z
      .array(
        z.object({
          ...planItemFields(z),
          outcome: z
            .enum(['done', 'skipped', 'failed'])
            .describe('What happened to this step.'),
          error: z.string().optional().describe('Why it failed.'),
        }),
      )
      .describe('What restore did, per role.'),
  });
}
