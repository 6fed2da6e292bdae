import {
  DatabaseRef,
  ForceDeleteSecretsResult,
  idpPostgresSecretsForceDeletePermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { audited } from '../operations/audited';
import { Caller, authorizeCaller } from '../operations/caller';
import type { OperationServices } from '../operations/OperationServices';
import type { SecretsForceDeleter } from './SecretsForceDeleter';

/** The audit event of every force-delete attempt, refused ones included. */
export const FORCE_DELETE_AUDIT_EVENT = 'secrets-force-delete';

/**
 * POST /secrets/force-delete: authorised (a dry run too, so a template
 * learns before opening a pull request that the user lacks the right),
 * audited, and the status marked changed after a real run. A run in which
 * a secret could not be deleted answers with the per-secret results and is
 * audited as a failure.
 */
export function forceDeleteSecrets(
  services: OperationServices & { forceDeleter: SecretsForceDeleter },
  caller: Caller,
  ref: DatabaseRef,
  body: { dryRun?: boolean },
): Promise<ForceDeleteSecretsResult> {
  const dryRun = body.dryRun ?? false;
  return audited(
    services.auditor,
    {
      eventId: FORCE_DELETE_AUDIT_EVENT,
      severityLevel: dryRun ? 'medium' : 'critical',
      caller,
      meta: { namespace: ref.namespace, name: ref.name, dryRun },
    },
    async () => {
      await authorizeCaller(
        services.access,
        caller,
        ref,
        idpPostgresSecretsForceDeletePermission,
      );
      const result = await services.forceDeleter.forceDelete(ref, { dryRun });
      if (!dryRun) await services.status.forget(ref);
      const failed = result.secrets.filter(s => s.result === 'failed');
      return {
        result,
        meta: {
          secrets: result.secrets.map(s => ({
            role: s.role,
            secretName: s.secretName,
            result: s.result,
          })),
        },
        ...(failed.length > 0
          ? {
              failure: new Error(
                `${failed.length} of ${
                  result.secrets.length
                } secrets could not be deleted: ${failed
                  .map(s => s.secretName)
                  .join(', ')}`,
              ),
            }
          : {}),
      };
    },
  );
}
