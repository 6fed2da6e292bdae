import { mockCredentials } from '@backstage/backend-test-utils';
import type { DatabaseWatch } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import { SandboxPlatform } from './__testUtils__/sandboxPlatform';

const platform = new SandboxPlatform();
const namespace = 'idp';
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const ALICE = 'user:default/alice';
const BASE_URL = 'https://backstage.example';
const passwords: string[] = [];
const asAlice = mockCredentials.user.header(ALICE);

type Started = Awaited<ReturnType<SandboxPlatform['startBackend']>>;

function configWith(extra: { watchHours?: number } = {}) {
  const config = platform.config() as {
    idpPostgres: Record<string, unknown>;
  };
  return {
    app: { baseUrl: BASE_URL },
    idpPostgres: {
      ...config.idpPostgres,
      ...(extra.watchHours
        ? { notifications: { watchHours: extra.watchHours } }
        : {}),
    },
  };
}

async function watch(started: Started, body: object, authorization = asAlice) {
  const res = await request(started.server)
    .post('/api/idp-postgres/watches')
    .set('Authorization', authorization)
    .send(body);
  await expectMatchesSpec(res);
  return res;
}

async function provision(name: string, owner: string) {
  const ref = { namespace, name };
  const db = await platform.provision(ref);
  passwords.push(...Object.values(db.passwords));
  await platform.define(ref, { owner });
  return ref;
}

describe('POST /watches and the notifications after each inventory refresh', () => {
  let started: Started;

  beforeAll(async () => {
    await platform.start();
    started = await platform.startBackend({ config: configWith() });
  }, 60_000);

  afterAll(async () => {
    await platform.stop();
  });

  beforeEach(() => {
    started.notifications.sent.splice(0);
    started.notifications.failing = undefined;
  });

  it('records a watch for the user who asked, for a day', async () => {
    const res = await watch(started, { namespace, name: 'recorded' });
    expect(res.status).toBe(201);
    const recorded: DatabaseWatch = res.body;
    expect(recorded).toEqual({
      id: expect.any(String),
      namespace,
      name: 'recorded',
      expect: 'ready',
      requestedBy: ALICE,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(
      Date.parse(recorded.expiresAt) - Date.parse(recorded.createdAt),
    ).toBe(24 * 3_600_000);
    const again = await watch(started, { namespace, name: 'recorded' });
    expect(again.body.id).toBe(recorded.id);
  });

  it('notifies the owner and the requester once, when the database becomes ready', async () => {
    await watch(started, { namespace, name: 'orders' });
    await started.refreshInventory();
    expect(started.notifications.sent).toEqual([]);

    await provision('orders', TEAM_A);
    await started.refreshInventory();
    await started.refreshInventory();
    expect(started.notifications.sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: [TEAM_A, ALICE] },
        payload: {
          title: 'PostgreSQL database idp-orders is ready',
          description: expect.stringContaining('idp/orders is ready'),
          link: `${BASE_URL}/catalog/default/resource/idp.orders/postgresql`,
          severity: 'normal',
          topic: 'idp-postgres',
          scope: 'idp-postgres:idp/orders',
        },
      },
    ]);
    for (const password of passwords) {
      expect(JSON.stringify(started.notifications.sent)).not.toContain(
        password,
      );
    }
  });

  it('notifies a failure waiting will not fix, with the reason, at high severity', async () => {
    const ref = { namespace, name: 'broken' };
    await watch(started, {
      ...ref,
      link: '/create/tasks/1234',
    });
    await platform.define(ref, { owner: TEAM_A });
    platform.putResource(ref, [
      { type: 'Ready', status: 'False', reason: 'Unavailable', message: 'x' },
      {
        type: 'Synced',
        status: 'False',
        reason: 'ReconcileError',
        message: 'cannot create role idp-broken-admin',
      },
    ]);
    await started.refreshInventory();
    expect(started.notifications.sent).toHaveLength(1);
    expect(started.notifications.sent[0].payload).toMatchObject({
      title: 'PostgreSQL database idp-broken failed',
      description: expect.stringContaining(
        'cannot create role idp-broken-admin',
      ),
      link: '/create/tasks/1234',
      severity: 'high',
    });
  });

  it('keeps a watch whose notification could not be sent, and sends it after the next refresh', async () => {
    await watch(started, { namespace, name: 'retried' });
    await provision('retried', TEAM_A);
    started.notifications.failing = new Error('notifications backend is down');
    await started.refreshInventory();
    expect(started.notifications.sent).toEqual([]);
    started.notifications.failing = undefined;
    await started.refreshInventory();
    await started.refreshInventory();
    expect(started.notifications.sent.map(n => n.payload.title)).toEqual([
      'PostgreSQL database idp-retried is ready',
    ]);
  });

  it('notifies a removal to the owner it had when the watch was made', async () => {
    const ref = await provision('leaving', TEAM_B);
    await started.refreshInventory();
    const res = await watch(started, { ...ref, expect: 'removed' });
    expect(res.body.expect).toBe('removed');
    await platform.undefine(ref);
    platform.deleteResource(ref);
    for (const role of ['admin', 'write', 'read'] as const) {
      platform.deleteKubernetesSecret(ref, role);
      const secret = platform.findSecretsManagerSecret(ref, role);
      if (secret) platform.secretsManager.store.remove(secret);
    }
    await started.refreshInventory();
    expect(started.notifications.sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: [TEAM_B, ALICE] },
        payload: expect.objectContaining({
          title: 'PostgreSQL database idp-leaving is removed',
        }),
      },
    ]);
  });

  it('says once what is still missing when a watch expires', async () => {
    // About a millisecond: expired by the first refresh, without a timed wait.
    const quick = await platform.startBackend({
      config: configWith({ watchHours: 1 / 3_600_000 }),
    });
    await watch(quick, { namespace, name: 'never' });
    await quick.refreshInventory();
    await quick.refreshInventory();
    expect(quick.notifications.sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: [ALICE] },
        payload: expect.objectContaining({
          title: 'PostgreSQL database idp-never is still not ready',
          description: expect.stringMatching(
            /^After .*, still missing: merged \(Not defined .*\); synced \(.*\); ready \(No resource yet\.\); secrets \(Missing: .*\)$/,
          ),
          severity: 'normal',
        }),
      },
    ]);
  });

  it('records no requester for a service, and validates the request and its link', async () => {
    const service = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:scaffolder'),
      targetPluginId: 'idp-postgres',
    });
    const res = await watch(started, { namespace, name: 'svc' }, service);
    expect(res.status).toBe(201);
    expect(res.body.requestedBy).toBeUndefined();
    expect((await watch(started, { namespace: 'IDP', name: 'x' })).status).toBe(
      400,
    );
    expect(
      (await watch(started, { namespace, name: 'x', expect: 'deployed' }))
        .status,
    ).toBe(400);
    for (const link of ['https://phish.example/login', '//phish.example']) {
      const outside = await watch(started, { namespace, name: 'x', link });
      expect(outside.status).toBe(400);
      expect(outside.body.error.message).toContain('path of the Backstage app');
    }
    for (const link of [
      '/create/tasks/x\r\nSet-Cookie: a=b',
      '/create/tasks/x\u0000',
      `${BASE_URL}/create/tasks/1\n`,
    ]) {
      const forged = await watch(started, { namespace, name: 'x', link });
      expect(forged.status).toBe(400);
      expect(forged.body.error.message).toBe(
        'The watch link must not contain control characters such as line breaks or tabs.',
      );
    }
    const inside = await watch(started, {
      namespace,
      name: 'x',
      link: `${BASE_URL}/create/tasks/1`,
    });
    expect(inside.status).toBe(201);
    const unserved = await watch(started, {
      namespace: 'elsewhere',
      name: 'x',
    });
    expect(unserved.status).toBe(404);
    const anonymous = await request(started.server)
      .post('/api/idp-postgres/watches')
      .send({ namespace, name: 'x' });
    expect(anonymous.status).toBe(401);
  });
});
