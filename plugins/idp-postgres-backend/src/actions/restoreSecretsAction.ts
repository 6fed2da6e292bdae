import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  RestoreResult,
  restoreFailureMessage,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { ActionsOptions } from './ActionsOptions';
import { databaseRefFields } from './databaseRefInput';
import { restoreOptionFields, restoreResultSchema } from './restoreSchemas';
import { restoreSecrets } from '../operations/restoreSecrets';

/** `restore-postgres-secrets`: recreates Kubernetes secrets from Secrets Manager, as POST /restore; audited. */
export function registerRestoreSecretsAction(
  registry: ActionsRegistryService,
  options: ActionsOptions,
): void {
  registry.register({
    name: 'restore-postgres-secrets',
    title: 'Restore PostgreSQL secrets',
    description: [
      "Recreates one IDP PostgreSQL database's missing Kubernetes secrets from their AWS Secrets Manager copies (the platform manual's restore procedure), so apps can log in again. Never overwrites a secret that differs from its copy unless force is true; skips copies scheduled for deletion unless restoreScheduledSecrets is true, which cancels the deletion first.",
      'Returns the overall outcome (complete, partial or failed), per role what was planned and what happened (done, skipped, failed with the error), and for an outcome other than complete the failure in words. A secret is written whole or not at all; one that failed does not stop the others.',
      "Writes Kubernetes secrets (and may cancel Secrets Manager deletions). Allowed to the database's owners (as the apps repo names them) and platform admins; a service caller only when the backend lists it in idpPostgres.access.serviceSubjects. Every attempt is audited (event secrets-restore).",
      'Run plan-postgres-restore with the same options first to see what it would do.',
    ].join(' '),
    attributes: { readOnly: false, idempotent: true, destructive: true },
    schema: {
      input: z =>
        z.object({ ...databaseRefFields(z), ...restoreOptionFields(z) }),
      output: z => restoreResultSchema(z),
    },
    action: async ({ input, credentials }) => {
      const { namespace, name, ...body } = input;
      // Without dryRun the service runs the plan and answers what it did.
      const result = (await restoreSecrets(
        options,
        { credentials },
        { namespace, name },
        { ...body, dryRun: false },
      )) as RestoreResult;
      // A failed secret is answered, not thrown: an error would reach the
      // agent as a message only, and it needs the per-secret results to
      // know which secrets were written and which to retry. The outcome
      // says it failed, and the audit event records it as a failure.
      const failure = restoreFailureMessage(result);
      return { output: { ...result, ...(failure ? { failure } : {}) } };
    },
  });
}
