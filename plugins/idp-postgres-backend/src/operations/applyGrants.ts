import {
  DatabaseRef,
  GrantApplyResult,
  idpPostgresGrantsApplyPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { audited } from './audited';
import { Caller, authorizeCaller } from './caller';
import type { OperationServices } from './OperationServices';

/**
 * Runs the grant SQL as the database's admin role, as POST /grants/apply
 * and `apply-postgres-grants` do: audited, and the status marked changed.
 */
export function applyGrants(
  services: OperationServices,
  caller: Caller,
  ref: DatabaseRef,
): Promise<GrantApplyResult> {
  return audited(
    services.auditor,
    {
      eventId: 'grants-apply',
      severityLevel: 'medium',
      caller,
      meta: { namespace: ref.namespace, name: ref.name },
    },
    async () => {
      await authorizeCaller(
        services.access,
        caller,
        ref,
        idpPostgresGrantsApplyPermission,
      );
      const result = await services.grants.apply(ref);
      services.status.forget(ref);
      return {
        result,
        meta: {
          statements: result.statements,
          stillMissing: result.after.missing.length,
        },
      };
    },
  );
}
