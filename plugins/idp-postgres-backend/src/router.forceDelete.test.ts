import { mockCredentials } from '@backstage/backend-test-utils';
import type { ForceDeleteSecretsResult } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import { policyPermissions } from './__testUtils__/policyPermissions';
import { SandboxPlatform } from './__testUtils__/sandboxPlatform';

const platform = new SandboxPlatform();
const namespace = 'idp-restore';
const TEAM_A = 'group:default/team-a';
const ALICE = 'user:default/alice'; // team-a, the owner
const ADA = 'user:default/ada'; // platform admin
const permissions = policyPermissions({
  claims: {
    [ALICE]: [ALICE, TEAM_A],
    [ADA]: [ADA, 'group:default/platform-admins'],
  },
  platformAdmins: ['group:default/platform-admins'],
});
const ROLES = ['admin', 'write', 'read'] as const;
const passwords: string[] = [];

const asUser = (ref: string) => mockCredentials.user.header(ref);
const asService = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:scaffolder'),
  targetPluginId: 'idp-postgres',
});

describe('POST /databases/{namespace}/{name}/secrets/force-delete against the sandbox', () => {
  let started: Awaited<ReturnType<SandboxPlatform['startBackend']>>;

  async function forceDelete(name: string, authorization: string, body = {}) {
    const res = await request(started.server)
      .post(
        `/api/idp-postgres/databases/${namespace}/${name}/secrets/force-delete`,
      )
      .set('Authorization', authorization)
      .send(body);
    await expectMatchesSpec(res);
    for (const password of passwords) {
      expect(JSON.stringify(res.body)).not.toContain(password);
    }
    return res;
  }

  /** Provisioned and defined with an owner, as the create template leaves it. */
  async function database(name: string) {
    const db = await platform.provision({ namespace, name });
    passwords.push(...Object.values(db.passwords));
    await platform.define({ namespace, name }, { owner: TEAM_A });
  }

  /** The definition removed; with `synced`, ArgoCD has removed what it made too. */
  async function remove(name: string, options: { synced: boolean }) {
    const ref = { namespace, name };
    await platform.undefine(ref);
    if (options.synced) {
      platform.deleteResource(ref);
      for (const role of ROLES) platform.deleteKubernetesSecret(ref, role);
    }
  }

  const smSecrets = (name: string) =>
    ROLES.map(role =>
      platform.findSecretsManagerSecret({ namespace, name }, role),
    );

  // Provisioning and two refreshes outlast Jest's 5 s on a loaded machine.
  beforeAll(async () => {
    await platform.start();
    for (const name of ['defined', 'syncing', 'removed', 'partial']) {
      await database(name);
    }
    // Removed after the first refresh, as in life: the inventory remembers
    // the owner from before the removal.
    started = await platform.startBackend({ permissions });
    await remove('syncing', { synced: false });
    await remove('removed', { synced: true });
    await remove('partial', { synced: true });
    await started.refreshInventory();
  }, 90_000);

  afterAll(async () => {
    await platform.stop();
  });

  beforeEach(() => started.events.splice(0));
  afterEach(() => platform.clearFaults());

  it('refuses while the apps repo still defines the database, saying what to do', async () => {
    const res = await forceDelete('defined', asUser(ADA), { dryRun: true });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      'is still defined in idp-restore/defined/values.yaml: remove its definition',
    );
    expect(smSecrets('defined').every(Boolean)).toBe(true);
    expect(started.events).toEqual([
      { eventId: 'secrets-force-delete', outcome: 'fail' },
    ]);
  });

  it('refuses while the cluster still holds the resource of a removed definition', async () => {
    const res = await forceDelete('syncing', asUser(ADA));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      'The cluster still holds postgresqldatabases idp-restore/syncing: the removal has not synced yet',
    );
    expect(smSecrets('syncing').every(Boolean)).toBe(true);
  });

  it('refuses the owner who is not a platform admin, and service callers, a dry run too', async () => {
    for (const body of [{}, { dryRun: true }]) {
      const owner = await forceDelete('removed', asUser(ALICE), body);
      expect(owner.status).toBe(403);
      expect(owner.body.error.message).toContain(
        'Not allowed to use idp-postgres.secrets.force-delete on database idp-restore/removed',
      );
      const service = await forceDelete('removed', asService, body);
      expect(service.status).toBe(403);
      expect(service.body.error.message).toContain(
        'plugin:scaffolder is not listed in idpPostgres.access.serviceSubjects',
      );
    }
    expect(smSecrets('removed').every(Boolean)).toBe(true);
    expect(started.events.map(e => e.outcome)).toEqual([
      'fail',
      'fail',
      'fail',
      'fail',
    ]);
  });

  it('says on a dry run what it would delete, deleting nothing', async () => {
    const res = await forceDelete('removed', asUser(ADA), { dryRun: true });
    expect(res.status).toBe(200);
    const result: ForceDeleteSecretsResult = res.body;
    expect(result).toEqual({
      namespace,
      name: 'removed',
      dryRun: true,
      ok: true,
      secrets: ROLES.map(role => ({
        role,
        secretName: `customer/idp-restore/idp-restore-removed-${role}`,
        result: 'would-delete',
      })),
    });
    expect(smSecrets('removed').every(Boolean)).toBe(true);
    expect(started.events).toEqual([
      expect.objectContaining({
        eventId: 'secrets-force-delete',
        outcome: 'success',
      }),
    ]);
  });

  it('deletes the three secrets for a platform admin, without a recovery window', async () => {
    const ref = { namespace, name: 'removed' };
    // A secret already scheduled for deletion is purged too.
    platform.putSecretsManagerSecret(
      ref,
      'read',
      { username: 'x' },
      {
        scheduledForDeletion: true,
      },
    );
    const res = await forceDelete('removed', asUser(ADA));
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(
      (res.body as ForceDeleteSecretsResult).secrets.map(s => s.result),
    ).toEqual(['deleted', 'deleted', 'deleted']);
    // Gone from the emulator, not merely scheduled for deletion.
    expect(smSecrets('removed')).toEqual([undefined, undefined, undefined]);
    expect(started.events).toEqual([
      {
        eventId: 'secrets-force-delete',
        outcome: 'success',
        meta: {
          secrets: ROLES.map(role => ({
            role,
            secretName: `customer/idp-restore/idp-restore-removed-${role}`,
            result: 'deleted',
          })),
        },
      },
    ]);

    const again = await forceDelete('removed', asUser(ADA));
    expect(
      (again.body as ForceDeleteSecretsResult).secrets.map(s => s.result),
    ).toEqual(['absent', 'absent', 'absent']);
  });

  it('deletes the others when one deletion fails, and audits the run as a failure', async () => {
    // A 400 the SDK does not retry, so each deletion rolls the dice once.
    platform.secretsManagerFaults.set('DeleteSecret', {
      status: 400,
      failureRate: 0.5,
    });
    platform.secretsManagerDice.push(0.9, 0.1, 0.9); // the second call fails
    const res = await forceDelete('partial', asUser(ADA));
    expect(res.status).toBe(200);
    const result: ForceDeleteSecretsResult = res.body;
    expect(result.ok).toBe(false);
    expect(result.secrets.map(s => s.result).sort()).toEqual([
      'deleted',
      'deleted',
      'failed',
    ]);
    const failed = result.secrets.find(s => s.result === 'failed')!;
    expect(failed.reason).toMatch(
      /failed force-deleting customer\/idp-restore\/idp-restore-partial-\w+: InternalServiceError/,
    );
    expect(smSecrets('partial').filter(Boolean)).toHaveLength(1);
    expect(started.events).toEqual([
      { eventId: 'secrets-force-delete', outcome: 'fail' },
    ]);
  });
});
