import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { idpPostgresPolicyDecision } from '@jppol-idp/backstage-plugin-idp-postgres-backend';
import { IDP_POSTGRES_DATABASE_RESOURCE_TYPE } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * The dev backend's policy: everything is allowed, except the IDP
 * PostgreSQL permissions, which are left to the plugin's own
 * `idpPostgresPolicyDecision` so new ones are covered without listing them
 * here: applying grants and restoring secrets for a database's owners (as
 * the platform inventory reads them from the apps repo) and platform admins,
 * force-deleting secrets for platform admins only.
 */
export class OwnersOnlyPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: UserInfoService,
    private readonly platformAdmins: string[] = [],
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    // Only this plugin's permissions need the caller's groups.
    if (
      !isResourcePermission(
        request.permission,
        IDP_POSTGRES_DATABASE_RESOURCE_TYPE,
      )
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user
      ? (await this.userInfo.getUserInfo(user.credentials)).ownershipEntityRefs
      : [];
    return (
      idpPostgresPolicyDecision(request, {
        claims,
        platformAdmins: this.platformAdmins,
      }) ?? { result: AuthorizeResult.ALLOW }
    );
  }
}
