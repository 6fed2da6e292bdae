import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  DatabaseRef,
  assertValidDatabaseRef,
  databaseEntityRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { Request } from 'express';

/**
 * Checks the caller may do `permission` on a database's catalog Resource
 * (`databaseEntityRef`, what the create template registers), so policies can
 * use catalog conditions such as ownership. Returns the
 * credentials for audit events. The reference is validated first, so a name
 * the platform could not have created never reaches the permission backend.
 */
export async function authorizeDatabase(
  deps: { httpAuth: HttpAuthService; permissions: PermissionsService },
  req: Request,
  ref: DatabaseRef,
  permission: ResourcePermission<'catalog-entity'>,
) {
  assertValidDatabaseRef(ref);
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const [decision] = await deps.permissions.authorize(
    [{ permission, resourceRef: databaseEntityRef(ref) }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed to ${permission.attributes.action ?? 'use'} ${
        permission.name
      } on database ${ref.namespace}/${ref.name}`,
    );
  }
  return credentials;
}

/**
 * The databases of a list the caller may do `permission` on, decided in one
 * call to the permission backend; the others are left out, not refused.
 */
export async function authorizedDatabases<T extends DatabaseRef>(
  deps: { httpAuth: HttpAuthService; permissions: PermissionsService },
  req: Request,
  databases: T[],
  permission: ResourcePermission<'catalog-entity'>,
): Promise<T[]> {
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  if (databases.length === 0) return [];
  const decisions = await deps.permissions.authorize(
    databases.map(ref => ({
      permission,
      resourceRef: databaseEntityRef(ref),
    })),
    { credentials },
  );
  return databases.filter(
    (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
  );
}
