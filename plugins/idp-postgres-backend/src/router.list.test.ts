import fs from 'node:fs';
import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  DatabaseList,
  DatabaseStatus,
  Inventory,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import { SandboxPlatform } from './__testUtils__/sandboxPlatform';

const platform = new SandboxPlatform();
const namespace = 'idp-list';
const TEAM = 'group:default/team-list';
const passwords: string[] = [];

type App = Parameters<typeof request>[0];

async function get(app: App, path: string) {
  const res = await request(app)
    .get(`/api/idp-postgres${path}`)
    .set('Authorization', mockCredentials.user.header());
  await expectMatchesSpec(res);
  for (const password of passwords) {
    expect(JSON.stringify(res.body)).not.toContain(password);
  }
  return res;
}

async function list(app: App) {
  const res = await get(app, `/databases?namespace=${namespace}`);
  return { status: res.status, body: res.body as DatabaseList, res };
}

async function provision(name: string) {
  const ref = { namespace, name };
  const db = await platform.provision(ref);
  passwords.push(...Object.values(db.passwords));
  await platform.define(ref, { owner: TEAM });
  return { ref, db };
}

describe('GET /databases?namespace= from the platform inventory', () => {
  let started: Awaited<ReturnType<SandboxPlatform['startBackend']>>;

  let alpha: Awaited<ReturnType<typeof provision>>;

  // Provisioning and the first refresh outlast Jest's 5 s on a loaded machine.
  beforeAll(async () => {
    await platform.start();
    alpha = await provision('alpha');
    const beta = await provision('beta');
    platform.deleteKubernetesSecret(beta.ref, 'read');
    const gamma = await provision('gamma');
    platform.putSecretsManagerSecret(
      gamma.ref,
      'write',
      platform.secretValues(gamma.db, 'write'),
      { scheduledForDeletion: true },
    );
    const delta = await provision('delta');
    platform.putResource(delta.ref, [
      { type: 'Ready', status: 'False', reason: 'Unavailable', message: 'x' },
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
    ]);
    // Defined in the apps repo, not synced to the cluster yet.
    await platform.define({ namespace, name: 'pending' }, { owner: TEAM });
    started = await platform.startBackend();
  }, 60_000);

  afterAll(async () => {
    await platform.stop();
  });

  afterEach(() => platform.clearFaults());

  it('gives every database the verdict its full status gives', async () => {
    const { status, body } = await list(started.server);
    expect(status).toBe(200);
    expect(body.items.map(i => i.name)).toEqual([
      'alpha',
      'beta',
      'delta',
      'gamma',
      'pending',
    ]);
    for (const item of body.items) {
      const detail = (
        await get(started.server, `/databases/${namespace}/${item.name}`)
      ).body as DatabaseStatus;
      expect([item.name, item.state, item.knownErrors, item.reason]).toEqual([
        item.name,
        detail.state,
        detail.knownErrors.map(e => e.id),
        detail.headline.sentence,
      ]);
    }
    const byName = Object.fromEntries(body.items.map(i => [i.name, i]));
    // Fresh databases have no grants yet, and no app uses them: worth
    // knowing, nothing to do. The detail says so, and so does the list.
    expect(byName.alpha.state).toBe('info');
    expect(byName.alpha.reason).toMatch(
      /^Healthy, nothing to do: .* no app in the apps repo uses them/,
    );
    expect(byName.beta.state).toBe('error');
    expect(byName.beta.reason).toContain(
      'Kubernetes secret idp-list-beta-read is missing',
    );
    expect(byName.gamma.reason).toMatch(/^Scheduled for deletion/);
    expect(byName.delta.reason).toContain('not ready');
    expect(byName.pending.lifecycle).toBe('pending');
    expect(byName.alpha).toMatchObject({
      lifecycle: 'deployed',
      database: 'idp-list-alpha',
      owner: {
        entityRef: TEAM,
        source: 'apps-repo',
        path: 'idp-list/alpha/catalog-info.yaml',
      },
    });
    expect(body.refreshedAt).toBeDefined();
  });

  it('makes no call to the platform per view', async () => {
    platform.kubernetesFaults.resetCounts();
    platform.secretsManagerFaults.resetCounts();
    platform.postgresFaults.resetCounts();
    for (let i = 0; i < 3; i++) await list(started.server);
    await get(started.server, '/inventory');
    expect({
      kubernetes: platform.kubernetesFaults.all(),
      secretsManager: platform.secretsManagerFaults.all(),
      postgres: platform.postgresFaults.all(),
    }).toEqual({ kubernetes: {}, secretsManager: {}, postgres: {} });
  });

  it('lists each namespace with one resource list and one Secrets Manager prefix listing per refresh', async () => {
    platform.kubernetesFaults.resetCounts();
    platform.secretsManagerFaults.resetCounts();
    await started.refreshInventory();
    const namespaces = 4; // idp, idp-dev, idp-list, idp-restore
    expect(platform.kubernetesFaults.count('postgresqldatabases.list')).toBe(
      namespaces,
    );
    expect(platform.secretsManagerFaults.count('ListSecrets')).toBe(namespaces);
  });

  it('shows what changed since the previous refresh', async () => {
    await provision('epsilon');
    platform.deleteKubernetesSecret({ namespace, name: 'alpha' }, 'write');
    await started.refreshInventory();
    const inventory = (await get(started.server, '/inventory'))
      .body as Inventory;
    const changeOf = (name: string) =>
      inventory.databases.find(d => d.name === name)?.change;
    expect([changeOf('epsilon'), changeOf('alpha'), changeOf('gamma')]).toEqual(
      ['new', 'changed', 'unchanged'],
    );
    platform.putKubernetesSecret(
      alpha.ref,
      'write',
      platform.secretValues(alpha.db, 'write'),
    );
  });

  it('keeps the last known state of a namespace it cannot list, and says why', async () => {
    platform.secretsManagerFaults.set('ListSecrets', { status: 500 });
    await started.refreshInventory();
    const inventory = (await get(started.server, '/inventory'))
      .body as Inventory;
    expect(inventory.problems).toContainEqual({
      source: `cluster sandbox, namespace ${namespace}`,
      reason: expect.stringMatching(
        /^Secrets Manager: .*; its databases keep their last known state\.$/,
      ),
    });
    expect(
      inventory.databases.filter(d => d.namespace === namespace).length,
    ).toBeGreaterThanOrEqual(5);
  });

  it('keeps the last good inventory when the apps repo cannot be read, and says how old it is', async () => {
    const before = (await list(started.server)).body;
    const repo = platform.appsRepo.dir;
    fs.renameSync(repo, `${repo}.away`);
    try {
      await started.refreshInventory();
      // A replica that never had an inventory answers 503 with the reason.
      const fresh = await platform.startBackend();
      const unavailable = await list(fresh.server);
      expect(unavailable.status).toBe(503);
      expect(unavailable.res.body.error.message).toContain(
        'its last refresh failed',
      );
    } finally {
      fs.renameSync(`${repo}.away`, repo);
    }
    const after = (await list(started.server)).body;
    expect(after.items).toEqual(before.items);
    expect(after.refreshedAt).toBe(before.refreshedAt);
    expect(after.lastFailure?.reason).toBeDefined();
    await started.refreshInventory();
    expect((await list(started.server)).body.lastFailure).toBeUndefined();
  });

  it('lists a database removed from the apps repo as removed-protected', async () => {
    const ref = { namespace: 'idp-dev', name: 'removed-from-repo' };
    const db = await platform.provision(ref);
    passwords.push(...Object.values(db.passwords));
    for (const role of ['admin', 'write', 'read'] as const) {
      platform.deleteKubernetesSecret(ref, role);
    }
    platform.kubernetes.store.delete(
      platform.kubernetes.databaseResource,
      ref.namespace,
      ref.name,
    );
    await started.refreshInventory();
    const res = await get(started.server, '/databases?namespace=idp-dev');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        name: 'removed-from-repo',
        lifecycle: 'removed-protected',
        state: 'error',
        knownErrors: [
          'removed-from-apps-repo-but-protected',
          'kubernetes-secrets-missing',
        ],
        reason: expect.stringMatching(
          /^Removed from the apps repo, kept by deletion protection/,
        ),
      }),
    ]);
  });

  it('warns about missing grants, naming the app, once an app in the apps repo uses the role', async () => {
    // An app's values read alpha's write secret, as "Connect an app" writes them.
    await platform.appsRepo.commit(
      {
        [`${namespace}/shop/application.yaml`]:
          'helm:\n  chart: helm/idp-app\n  chartVersion: "1.0.0"\n',
        [`${namespace}/shop/values.yaml`]: [
          'env:',
          '  - name: DB_USER',
          '    valueFrom:',
          '      secretKeyRef:',
          `        name: ${namespace}-alpha-write`,
          '        key: username',
          '',
        ].join('\n'),
      },
      'Connect shop to alpha',
    );
    await started.refreshInventory();
    const item = (await list(started.server)).body.items.find(
      i => i.name === 'alpha',
    )!;
    const detail = (
      await get(started.server, `/databases/${namespace}/alpha?refresh=true`)
    ).body as DatabaseStatus;
    expect([item.state, detail.state]).toEqual(['warning', 'warning']);
    expect(detail.grants.reason).toMatch(
      /are missing, and idp-list\/shop uses the write role: apply the grants\.$/,
    );
    expect(item.reason).toBe(detail.headline.sentence);
    expect(detail.headline.next?.kind).toBe('apply-grants');
  });

  it('leaves out databases the caller may not read, and needs credentials', async () => {
    const denied = await platform.startBackend({
      denied: ['idp-postgres.status.read'],
    });
    expect((await list(denied.server)).body.items).toEqual([]);
    const anonymous = await request(started.server).get(
      `/api/idp-postgres/databases?namespace=${namespace}`,
    );
    expect(anonymous.status).toBe(401);
  });

  it('answers 400 without a namespace and 404 for one no cluster serves', async () => {
    expect((await get(started.server, '/databases')).status).toBe(400);
    const elsewhere = await get(
      started.server,
      '/databases?namespace=elsewhere',
    );
    expect(elsewhere.status).toBe(404);
  });
});
