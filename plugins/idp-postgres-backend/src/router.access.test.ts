import { mockCredentials } from '@backstage/backend-test-utils';
import type { Inventory } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import { policyPermissions } from './__testUtils__/policyPermissions';
import { SandboxPlatform } from './__testUtils__/sandboxPlatform';

const platform = new SandboxPlatform();
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const ALICE = 'user:default/alice'; // team-a
const BOB = 'user:default/bob'; // team-b
const ADA = 'user:default/ada'; // platform admin
const permissions = policyPermissions({
  claims: {
    [ALICE]: [ALICE, TEAM_A],
    [BOB]: [BOB, TEAM_B],
    [ADA]: [ADA, 'group:default/platform-admins'],
  },
  platformAdmins: ['group:default/platform-admins'],
});

const OWNED = { namespace: 'idp-restore', name: 'owned' };
const UNOWNED = { namespace: 'idp-restore', name: 'unowned' };
// Both are the PostgreSQL database "idp-dev-orders".
const ORDERS = { namespace: 'idp-dev', name: 'orders' };
const LOOKALIKE = { namespace: 'idp', name: 'dev-orders' };

const asUser = (ref: string) => mockCredentials.user.header(ref);
const asService = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'idp-postgres',
  });

describe('who may act on a database: owners from the platform inventory', () => {
  let started: Awaited<ReturnType<SandboxPlatform['startBackend']>>;

  async function post(
    ref: { namespace: string; name: string },
    action: 'restore' | 'grants/apply',
    authorization: string,
    body: object = {},
    server = started.server,
  ) {
    const res = await request(server)
      .post(
        `/api/idp-postgres/databases/${ref.namespace}/${ref.name}/${action}`,
      )
      .set('Authorization', authorization)
      .send(body);
    await expectMatchesSpec(res);
    return res;
  }

  // Provisioning and the first refresh outlast Jest's 5 s on a loaded machine.
  beforeAll(async () => {
    await platform.start();
    for (const ref of [OWNED, UNOWNED, ORDERS]) {
      await platform.provision(ref);
      platform.deleteKubernetesSecret(ref, 'read');
    }
    await platform.define(OWNED, { owner: TEAM_A });
    await platform.define(UNOWNED);
    await platform.define(ORDERS, { owner: TEAM_A });
    // Defined by team-b; on the platform it would be the same database.
    await platform.define(LOOKALIKE, { owner: TEAM_B });
    started = await platform.startBackend({ permissions });
  }, 60_000);

  afterAll(async () => {
    await platform.stop();
  });

  it('refuses another team, writing nothing, and lets the owner act', async () => {
    for (const action of ['restore', 'grants/apply'] as const) {
      const refused = await post(OWNED, action, asUser(BOB));
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain(
        `only its owner ${TEAM_A} (from idp-restore/owned/catalog-info.yaml) may`,
      );
    }
    expect(platform.readKubernetesSecret(OWNED, 'read')).toBeUndefined();
    expect(started.events.filter(e => e.outcome === 'fail')).toHaveLength(2);

    expect((await post(OWNED, 'restore', asUser(ALICE))).status).toBe(200);
    expect(platform.readKubernetesSecret(OWNED, 'read')).toBeDefined();
    expect((await post(OWNED, 'grants/apply', asUser(ALICE))).status).toBe(200);
  });

  it('keeps databases that share a PostgreSQL name apart, and reports the clash', async () => {
    // The owner of idp-dev/orders does not pass the check for idp/dev-orders.
    expect((await post(LOOKALIKE, 'restore', asUser(ALICE))).status).toBe(403);
    expect((await post(ORDERS, 'restore', asUser(BOB))).status).toBe(403);
    expect(platform.readKubernetesSecret(ORDERS, 'read')).toBeUndefined();

    const res = await request(started.server)
      .get('/api/idp-postgres/inventory')
      .set('Authorization', asUser(ALICE));
    await expectMatchesSpec(res);
    const inventory = res.body as Inventory;
    const conflictsOf = (name: string) =>
      inventory.databases.find(d => d.name === name)?.conflicts;
    expect(conflictsOf('orders')).toEqual([
      'idp/dev-orders has the same PostgreSQL database name "idp-dev-orders"',
    ]);
    expect(conflictsOf('dev-orders')).toEqual([
      'idp-dev/orders has the same PostgreSQL database name "idp-dev-orders"',
    ]);
  });

  it('lets only platform admins act on a database the apps repo names no owner for', async () => {
    const refused = await post(UNOWNED, 'restore', asUser(ALICE));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('names no owner');
    expect((await post(UNOWNED, 'restore', asUser(ADA))).status).toBe(200);
  });

  it('answers 404 for a database the inventory does not know', async () => {
    const res = await post(
      { namespace: 'idp-restore', name: 'ghost' },
      'restore',
      asUser(ALICE),
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('not in the platform inventory');
  });

  it('refuses service callers destructive actions, unless configured; a dry run only reads', async () => {
    platform.deleteKubernetesSecret(OWNED, 'read');
    for (const subject of ['external:ops-bot', 'plugin:scaffolder']) {
      for (const action of ['restore', 'grants/apply'] as const) {
        const res = await post(OWNED, action, asService(subject));
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(
          `${subject} is not listed in idpPostgres.access.serviceSubjects`,
        );
      }
    }
    expect(platform.readKubernetesSecret(OWNED, 'read')).toBeUndefined();
    const plan = await post(OWNED, 'restore', asService('external:ops-bot'), {
      dryRun: true,
    });
    expect(plan.status).toBe(200);

    const trusting = await platform.startBackend({
      permissions,
      config: platform.config({
        access: { serviceSubjects: ['external:ops-bot'] },
      }),
    });
    const res = await post(
      OWNED,
      'restore',
      asService('external:ops-bot'),
      {},
      trusting.server,
    );
    expect(res.status).toBe(200);
    expect(platform.readKubernetesSecret(OWNED, 'read')).toBeDefined();
  });

  it('lists its permissions and rules for policy tools', async () => {
    const res = await request(started.server)
      .get('/api/idp-postgres/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual([
      'idp-postgres.status.read',
      'idp-postgres.grants.apply',
      'idp-postgres.secrets.restore',
      'idp-postgres.secrets.force-delete',
    ]);
    expect(res.body.rules.map((r: { name: string }) => r.name)).toEqual([
      'IS_DATABASE_OWNER',
      'IS_IN_NAMESPACE',
    ]);
  });
});
