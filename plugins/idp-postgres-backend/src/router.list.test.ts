import { mockCredentials } from '@backstage/backend-test-utils';
import type { DatabaseSummary } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import { SandboxPlatform } from './__testUtils__/sandboxPlatform';

const platform = new SandboxPlatform();
const namespace = 'idp-list';
const passwords: string[] = [];

async function list(app: Parameters<typeof request>[0]) {
  const res = await request(app)
    .get(`/api/idp-postgres/databases?namespace=${namespace}`)
    .set('Authorization', mockCredentials.user.header());
  await expectMatchesSpec(res);
  for (const password of passwords) {
    expect(JSON.stringify(res.body)).not.toContain(password);
  }
  return res;
}

async function provision(name: string) {
  const ref = { namespace, name };
  const db = await platform.provision(ref);
  passwords.push(...Object.values(db.passwords));
  return { ref, db };
}

describe('GET /databases?namespace= against the sandbox', () => {
  let app: Parameters<typeof request>[0];

  beforeAll(async () => {
    await platform.start();
    app = (await platform.startBackend()).server;
    await provision('alpha');
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
  });

  afterAll(async () => {
    await platform.stop();
  });

  afterEach(() => platform.clearFaults());

  it('summarises every database of the namespace', async () => {
    const res = await list(app);
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      (res.body.items as DatabaseSummary[]).map(s => [s.name, s]),
    );
    expect(Object.keys(byName)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect(byName.alpha).toMatchObject({
      state: 'ok',
      database: 'idp-list-alpha',
    });
    expect(byName.beta.state).toBe('error');
    expect(byName.beta.reason).toContain(
      'Kubernetes secrets of the database are missing',
    );
    expect(byName.gamma.state).toBe('warning');
    expect(byName.gamma.reason).toContain('scheduled for deletion');
    expect(byName.delta.state).toBe('error');
    expect(byName.delta.reason).toContain('not ready');
  });

  it('makes the same few API calls however many databases there are', async () => {
    platform.kubernetesFaults.resetCounts();
    platform.secretsManagerFaults.resetCounts();
    await list(app);
    const callsForFour = {
      kubernetes: platform.kubernetesFaults.all(),
      secretsManager: platform.secretsManagerFaults.all(),
    };
    expect(callsForFour).toEqual({
      kubernetes: { 'postgresqldatabases.list': 1, 'secrets.list': 1 },
      secretsManager: { ListSecrets: 1 },
    });
    for (const name of ['e1', 'e2', 'e3', 'e4']) await provision(name);
    platform.kubernetesFaults.resetCounts();
    platform.secretsManagerFaults.resetCounts();
    const res = await list(app);
    expect(res.body.items).toHaveLength(8);
    expect({
      kubernetes: platform.kubernetesFaults.all(),
      secretsManager: platform.secretsManagerFaults.all(),
    }).toEqual(callsForFour);
  });

  it('checks logins of at most three databases at a time', async () => {
    platform.postgresFaults.set('connect', { delayMs: 100 });
    platform.postgresFaults.resetCounts();
    const res = await list(app);
    expect(res.status).toBe(200);
    const logins = res.body.items.length * 3 - 1; // beta has no read secret
    expect(platform.postgresFaults.count('connect')).toBe(logins);
    expect(platform.postgresFaults.maxInFlight).toBe(9);
  });

  it('marks Secrets Manager checks unknown when it is down, keeping the list', async () => {
    platform.secretsManagerFaults.set('*', { status: 500 });
    const res = await list(app);
    expect(res.status).toBe(200);
    const alpha = res.body.items.find(
      (s: DatabaseSummary) => s.name === 'alpha',
    );
    expect(alpha.state).toBe('unknown');
    expect(alpha.reason).toMatch(/Secrets Manager/);
  });

  it('answers 503 when the database resources cannot be listed', async () => {
    platform.kubernetesFaults.set('postgresqldatabases.list', { status: 429 });
    const res = await list(app);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/TooManyRequests/);
  });

  it('leaves out databases the caller may not read, and needs credentials', async () => {
    const denied = await platform.startBackend({
      denied: ['idp-postgres.status.read'],
    });
    const res = await list(denied.server);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    const anonymous = await request(app).get(
      `/api/idp-postgres/databases?namespace=${namespace}`,
    );
    expect(anonymous.status).toBe(401);
  });

  it('lists a database removed from the apps repo from its Secrets Manager secrets', async () => {
    // Another namespace, so the counts above stay as they are.
    const ref = { namespace: 'idp-dev', name: 'removed-from-repo' };
    await platform.provision(ref);
    for (const role of ['admin', 'write', 'read'] as const) {
      platform.deleteKubernetesSecret(ref, role);
    }
    platform.kubernetes.store.delete(
      platform.kubernetes.databaseResource,
      ref.namespace,
      ref.name,
    );
    const res = await request(app)
      .get('/api/idp-postgres/databases?namespace=idp-dev')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    await expectMatchesSpec(res);
    expect(res.body.items).toEqual([
      {
        namespace: 'idp-dev',
        name: 'removed-from-repo',
        database: 'idp-dev-removed-from-repo',
        state: 'error',
        reason: 'Kubernetes secrets of the database are missing.',
      },
    ]);
  });

  it('answers 400 without a namespace and 404 for one no cluster serves', async () => {
    const missing = await request(app)
      .get('/api/idp-postgres/databases')
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(400);
    const elsewhere = await request(app)
      .get('/api/idp-postgres/databases?namespace=elsewhere')
      .set('Authorization', mockCredentials.user.header());
    expect(elsewhere.status).toBe(404);
  });
});
