import { createPermission } from '@backstage/plugin-permission-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  idpPostgresGrantsApplyPermission,
  idpPostgresSecretsForceDeletePermission,
  idpPostgresSecretsRestorePermission,
  idpPostgresStatusReadPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { idpPostgresPolicyDecision } from './policyDecision';

const ADMINS = ['group:default/platform-admins'];
const owner = {
  claims: ['user:default/alice', 'group:default/team-a'],
  platformAdmins: ADMINS,
};
const admin = {
  claims: ['user:default/ada', 'group:default/platform-admins'],
  platformAdmins: ADMINS,
};

describe('idpPostgresPolicyDecision', () => {
  it('lets everyone signed in read', () => {
    expect(
      idpPostgresPolicyDecision(
        { permission: idpPostgresStatusReadPermission },
        { claims: [] },
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets owners (by condition) and platform admins change a database', () => {
    for (const permission of [
      idpPostgresGrantsApplyPermission,
      idpPostgresSecretsRestorePermission,
    ]) {
      expect(idpPostgresPolicyDecision({ permission }, owner)).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: {
          rule: 'IS_DATABASE_OWNER',
          params: { claims: owner.claims },
        },
      });
      expect(idpPostgresPolicyDecision({ permission }, admin)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('gives force-deleting secrets to platform admins only, never to owners', () => {
    const permission = idpPostgresSecretsForceDeletePermission;
    expect(idpPostgresPolicyDecision({ permission }, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(idpPostgresPolicyDecision({ permission }, owner)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(idpPostgresPolicyDecision({ permission }, { claims: [] })).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it("leaves other plugins' permissions to the policy", () => {
    const other = createPermission({
      name: 'catalog.entity.delete',
      attributes: { action: 'delete' },
      resourceType: 'catalog-entity',
    });
    expect(idpPostgresPolicyDecision({ permission: other }, admin)).toBe(
      undefined,
    );
  });
});
