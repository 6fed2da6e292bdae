import type { PermissionApi } from '@backstage/plugin-permission-react';

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/**
 * A permission API that answers every request the same way, and records
 * them. The strings are AuthorizeResult's values: the enum lives in
 * plugin-permission-common, which this package does not depend on.
 */
export function permissionApi(decision: 'allow' | 'deny') {
  const response = {
    result: decision === 'allow' ? 'ALLOW' : 'DENY',
  } as unknown as Decision;
  return {
    authorize: jest.fn<
      ReturnType<PermissionApi['authorize']>,
      Parameters<PermissionApi['authorize']>
    >(async () => response),
  } satisfies PermissionApi;
}
