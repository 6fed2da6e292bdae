import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import type { PolicyQuery } from '@backstage/plugin-permission-node';
import {
  IDP_POSTGRES_DATABASE_RESOURCE_TYPE,
  idpPostgresSecretsForceDeletePermission,
  idpPostgresStatusReadPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  createIdpPostgresDatabaseConditionalDecision,
  idpPostgresDatabaseConditions,
} from './databaseRules';

/** What {@link idpPostgresPolicyDecision} needs to know of the caller and the org. @public */
export interface IdpPostgresPolicyOptions {
  /** The user's ownership claims (their own ref and their groups'); empty for no user. */
  claims: string[];
  /**
   * Groups that may act on every database, including those the inventory
   * knows no owner for (`idpPostgres.access.platformAdmins`).
   */
  platformAdmins?: string[];
}

/**
 * A ready-made decision for the IDP PostgreSQL permissions, for a policy to
 * return: reading is allowed to everyone signed in; applying grants and
 * restoring secrets to the database's owners as the platform inventory
 * reads them from the apps repo, and to platform admins; force-deleting
 * Secrets Manager secrets (irreversible, the manual's "elevated
 * privileges" step) to platform admins only, never to owners. Undefined for
 * permissions that are not this plugin's, so a policy can fall through.
 *
 * @public
 */
export function idpPostgresPolicyDecision(
  request: PolicyQuery,
  options: IdpPostgresPolicyOptions,
): PolicyDecision | undefined {
  const { permission } = request;
  if (!isResourcePermission(permission, IDP_POSTGRES_DATABASE_RESOURCE_TYPE)) {
    return undefined;
  }
  if (isPermission(permission, idpPostgresStatusReadPermission)) {
    return { result: AuthorizeResult.ALLOW };
  }
  const admins = (options.platformAdmins ?? []).map(admin =>
    stringifyEntityRef(parseEntityRef(admin, { defaultKind: 'group' })),
  );
  if (options.claims.some(claim => admins.includes(claim))) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (isPermission(permission, idpPostgresSecretsForceDeletePermission)) {
    return { result: AuthorizeResult.DENY };
  }
  return createIdpPostgresDatabaseConditionalDecision(
    permission,
    idpPostgresDatabaseConditions.isDatabaseOwner({ claims: options.claims }),
  );
}
