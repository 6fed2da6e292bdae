import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  idpPostgresGrantsApplyPermission,
  idpPostgresSecretsRestorePermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** The actions that change a team's database: only its owners may take them. */
const OWNER_ONLY_PERMISSIONS = [
  idpPostgresGrantsApplyPermission,
  idpPostgresSecretsRestorePermission,
];

/**
 * The dev backend's policy: everything is allowed, except applying grants
 * and restoring secrets, which only the owners of the database's catalog
 * entity may do (the user or one of their groups is the entity's owner).
 */
export class OwnersOnlyPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    for (const permission of OWNER_ONLY_PERMISSIONS) {
      if (isPermission(request.permission, permission)) {
        const claims = user
          ? (await this.userInfo.getUserInfo(user.credentials))
              .ownershipEntityRefs
          : [];
        return createCatalogConditionalDecision(
          permission,
          catalogConditions.isEntityOwner({ claims }),
        );
      }
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
