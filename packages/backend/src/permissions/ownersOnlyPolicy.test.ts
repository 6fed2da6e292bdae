import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  idpPostgresGrantsApplyPermission,
  idpPostgresSecretsForceDeletePermission,
  idpPostgresSecretsRestorePermission,
  idpPostgresStatusReadPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { OwnersOnlyPolicy } from './ownersOnlyPolicy';

const GUEST_CLAIMS = ['user:default/guest', 'group:default/team-orders'];
const guest: PolicyQueryUser = {
  credentials: mockCredentials.user('user:default/guest'),
  info: { userEntityRef: 'user:default/guest', ownershipEntityRefs: [] },
};

describe('OwnersOnlyPolicy', () => {
  // The policy must ask the user info service, not the deprecated `info`.
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async () => ({
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: GUEST_CLAIMS,
    }),
  });
  const policy = new OwnersOnlyPolicy(userInfo, ['platform-admins']);

  it.each([
    ['grants apply', idpPostgresGrantsApplyPermission],
    ['secrets restore', idpPostgresSecretsRestorePermission],
  ])(
    'makes %s conditional on owning the database in the inventory',
    async (_, permission) => {
      expect(await policy.handle({ permission }, guest)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'idp-postgres',
        resourceType: 'idp-postgres-database',
        conditions: {
          rule: 'IS_DATABASE_OWNER',
          resourceType: 'idp-postgres-database',
          params: { claims: GUEST_CLAIMS },
        },
      });
    },
  );

  it('lets platform admins act on every database', async () => {
    const admin = new OwnersOnlyPolicy(
      mockServices.userInfo.mock({
        getUserInfo: async () => ({
          userEntityRef: 'user:default/ada',
          ownershipEntityRefs: [
            'user:default/ada',
            'group:default/platform-admins',
          ],
        }),
      }),
      ['platform-admins'],
    );
    expect(
      await admin.handle(
        { permission: idpPostgresSecretsRestorePermission },
        guest,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets only platform admins force-delete secrets, never owners', async () => {
    const admin = new OwnersOnlyPolicy(
      mockServices.userInfo.mock({
        getUserInfo: async () => ({
          userEntityRef: 'user:default/ada',
          ownershipEntityRefs: ['user:default/ada', 'group:default/idp'],
        }),
      }),
      // As app-config.yaml names them.
      ['group:default/idp'],
    );
    const request = { permission: idpPostgresSecretsForceDeletePermission };
    expect(await admin.handle(request, guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await policy.handle(request, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle(request)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('gives a caller without a user identity no owner claims', async () => {
    const decision = await policy.handle({
      permission: idpPostgresGrantsApplyPermission,
    });
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { params: { claims: [] } },
    });
  });

  it('allows reading status and everything else', async () => {
    expect(
      await policy.handle(
        { permission: idpPostgresStatusReadPermission },
        guest,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    const other = createPermission({
      name: 'catalog.entity.delete',
      attributes: { action: 'delete' },
    });
    expect(await policy.handle({ permission: other }, guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
