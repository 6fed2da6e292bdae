import {
  DatabaseRef,
  RestoreRequestBody,
  idpPostgresSecretsRestorePermission,
  idpPostgresStatusReadPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { RestoreIncompleteError } from '../restore/RestoreIncompleteError';
import { audited } from './audited';
import { Caller, authorizeCaller } from './caller';
import type { OperationServices } from './OperationServices';

/**
 * A restore or its plan, as POST /restore and the restore actions run it:
 * audited (the plan too, at low severity), the plan needing only read
 * permission, the status marked changed after a real run. A run in which a
 * secret failed is returned like any other (the caller decides how to
 * answer it) but audited as a failure naming the failed roles.
 */
export async function restoreSecrets(
  services: OperationServices,
  caller: Caller,
  ref: DatabaseRef,
  body: RestoreRequestBody,
) {
  const { access, restore, status } = services;
  const dryRun = body.dryRun ?? false;
  return audited(
    services.auditor,
    {
      eventId: 'secrets-restore',
      severityLevel: dryRun ? 'low' : 'high',
      caller,
      meta: {
        namespace: ref.namespace,
        name: ref.name,
        dryRun,
        force: body.force ?? false,
        roles: body.roles ?? 'all',
        restoreScheduledSecrets: body.restoreScheduledSecrets ?? false,
      },
    },
    async () => {
      // A plan changes nothing, so reading is enough for it.
      await authorizeCaller(
        access,
        caller,
        ref,
        dryRun
          ? idpPostgresStatusReadPermission
          : idpPostgresSecretsRestorePermission,
      );
      const result = await restore.restore(ref, body);
      if (!dryRun) await status.forget(ref);
      const incomplete =
        'outcome' in result && result.outcome !== 'complete'
          ? new RestoreIncompleteError(result)
          : undefined;
      return {
        result,
        failure: incomplete,
        meta: {
          ...(incomplete
            ? {
                outcome: incomplete.result.outcome,
                failedRoles: incomplete.result.items
                  .filter(item => item.outcome === 'failed')
                  .map(item => item.role),
              }
            : {}),
          items: result.items.map(item => ({
            role: item.role,
            action: item.action,
            secretsManagerStep: item.secretsManagerStep,
            outcome: 'outcome' in item ? item.outcome : 'planned',
          })),
        },
      };
    },
  );
}
