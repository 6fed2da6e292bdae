import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DatabaseRef,
  RestoreRequestBody,
  idpPostgresSecretsRestorePermission,
  idpPostgresStatusReadPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { ActionsOptions } from './ActionsOptions';
import { audited } from './auditedAction';

/**
 * A restore or its plan, as POST /restore runs it: audited (the plan too,
 * at low severity), the plan needing only read permission, the status
 * marked changed after a real run.
 */
export async function runRestore(
  options: ActionsOptions,
  credentials: BackstageCredentials,
  ref: DatabaseRef,
  body: RestoreRequestBody,
) {
  const { access, restore, status } = options;
  const dryRun = body.dryRun ?? false;
  return audited(
    options.auditor,
    {
      eventId: 'secrets-restore',
      severityLevel: dryRun ? 'low' : 'high',
      credentials,
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
      await access.authorizeCredentials(
        credentials,
        ref,
        dryRun
          ? idpPostgresStatusReadPermission
          : idpPostgresSecretsRestorePermission,
      );
      const result = await restore.restore(ref, body);
      if (!dryRun) status.forget(ref);
      return {
        result,
        meta: {
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
