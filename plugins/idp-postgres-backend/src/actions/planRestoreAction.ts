import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ActionsOptions } from './ActionsOptions';
import { databaseRefFields } from './databaseRefInput';
import { restoreOptionFields, restorePlanSchema } from './restoreSchemas';
import { restoreSecrets } from '../operations/restoreSecrets';

/** `plan-postgres-restore`: a restore dry run, as POST /restore with dryRun; needs only read permission. */
export function registerPlanRestoreAction(
  registry: ActionsRegistryService,
  options: ActionsOptions,
): void {
  registry.register({
    name: 'plan-postgres-restore',
    title: 'Plan restoring PostgreSQL secrets',
    description: [
      "Plans recreating one IDP PostgreSQL database's Kubernetes secrets from their AWS Secrets Manager copies (the platform manual's restore procedure) and changes nothing: per role, whether restore-postgres-secrets would create the secret, overwrite it (only with force), or skip it and why (in sync, differs, scheduled for deletion, nothing to restore from).",
      'Takes the same options as restore-postgres-secrets, so the plan shows exactly what that call would do. Needs only read permission; audited (event secrets-restore, dryRun true).',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({ ...databaseRefFields(z), ...restoreOptionFields(z) }),
      output: z => restorePlanSchema(z),
    },
    action: async ({ input, credentials }) => {
      const { namespace, name, ...body } = input;
      const plan = await restoreSecrets(
        options,
        { credentials },
        { namespace, name },
        { ...body, dryRun: true },
      );
      return {
        output: {
          namespace: plan.namespace,
          name: plan.name,
          items: plan.items,
        },
      };
    },
  });
}
