import {
  DatabaseRef,
  GrantApplyResult,
  countPrivileges,
  idpPostgresGrantsApplyPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { audited } from './audited';
import { Caller, authorizeCaller } from './caller';
import type { OperationServices } from './OperationServices';

/**
 * Runs the grant SQL as the database's admin role, as POST /grants/apply
 * and `apply-postgres-grants` do: audited, and the status marked changed.
 * Objects the admin role does not own are left out, not a failure: the
 * grants on everything else were committed, so the event is a success
 * whose meta names how many objects, and whose, were left out.
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
      await services.status.forget(ref);
      return {
        result,
        meta: {
          statements: result.statements,
          stillMissing: countPrivileges(result.after.missing),
          ...(result.skipped
            ? {
                notOwnedByAdmin: {
                  count: result.skipped.count,
                  owners: result.skipped.owners.map(o => ({
                    owner: o.owner,
                    count: o.count,
                  })),
                },
              }
            : {}),
        },
      };
    },
  );
}
