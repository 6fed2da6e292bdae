import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type {
  DatabaseRef,
  IDP_POSTGRES_DATABASE_RESOURCE_TYPE,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { Request } from 'express';
import type { DatabaseAuthorizer } from '../access/DatabaseAuthorizer';

/**
 * Who asks for an operation: an HTTP request (the REST API), or the
 * credentials the actions registry hands an action.
 */
export type Caller =
  | { request: Request }
  | { credentials: BackstageCredentials };

/** Authorises the caller, the way its entry point does. */
export async function authorizeCaller(
  access: DatabaseAuthorizer,
  caller: Caller,
  ref: DatabaseRef,
  permission: ResourcePermission<typeof IDP_POSTGRES_DATABASE_RESOURCE_TYPE>,
): Promise<void> {
  if ('request' in caller) {
    await access.authorize(caller.request, ref, permission);
  } else {
    await access.authorizeCredentials(caller.credentials, ref, permission);
  }
}
