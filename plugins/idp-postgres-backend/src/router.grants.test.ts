import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  KubernetesEmulator,
  SECRETS,
  testPostgres,
} from '@jppol-idp/idp-sandbox';
import request from 'supertest';
import {
  PlatformDatabase,
  createPlatformDatabase,
  runAs,
} from './__testUtils__/sandboxPostgres';
import { startPluginTestBackend } from './__testUtils__/sandboxPlatform';

const server = testPostgres();
const base = '/api/idp-postgres/databases/idp-dev/routed';

describe('grant routes against the sandbox', () => {
  const kubernetes = new KubernetesEmulator();
  let dir: string;
  let db: PlatformDatabase;
  let config: object;

  beforeAll(async () => {
    await kubernetes.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-postgres-routes-'));
    fs.writeFileSync(path.join(dir, 'k8s-ca.pem'), kubernetes.caCert);
    fs.writeFileSync(path.join(dir, 'pg-ca.pem'), server.caCert);
    kubernetes.store.ensureNamespace('idp-dev');
    db = await createPlatformDatabase(server, {
      namespace: 'idp-dev',
      name: 'routed',
    });
    await runAs(
      server,
      db,
      'admin',
      'CREATE TABLE things (id serial PRIMARY KEY)',
    );
    config = {
      idpPostgres: {
        clusters: [
          {
            name: 'sandbox',
            namespaces: ['idp-dev'],
            kubernetes: {
              auth: 'url',
              url: kubernetes.url,
              token: kubernetes.token,
              caFile: path.join(dir, 'k8s-ca.pem'),
            },
            secretsManager: { region: 'eu-west-1' },
            postgres: {
              host: server.host,
              port: server.port,
              ssl: {
                mode: 'verify-full',
                caFile: path.join(dir, 'pg-ca.pem'),
                servername: 'localhost',
              },
            },
          },
        ],
      },
    };
  });

  afterAll(async () => {
    await kubernetes.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function storeAdminSecret() {
    kubernetes.store.apply(SECRETS, 'idp-dev', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'idp-dev-routed-admin' },
      data: Object.fromEntries(
        Object.entries({
          endpoint: server.host,
          port: String(server.port),
          username: db.roles.admin,
          password: db.passwords.admin,
        }).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
    } as never);
  }

  const start = (denied: string[] = []) =>
    startPluginTestBackend({ config, denied });

  it('answers 404 with the restore hint when the admin secret is missing', async () => {
    const { server: app } = await start();
    const res = await request(app)
      .get(`${base}/grants`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /idp-dev-routed-admin is missing.*restore/,
    );
  });

  it('reports missing grants, refuses apply without permission, applies with it', async () => {
    storeAdminSecret();
    const { server: app, events } = await start(['idp-postgres.grants.apply']);
    const report = await request(app)
      .get(`${base}/grants`)
      .set('Authorization', mockCredentials.user.header());
    expect(report.status).toBe(200);
    expect(report.body.fixSql).toHaveLength(10);
    expect(JSON.stringify(report.body)).not.toContain(db.passwords.admin);

    const denied = await request(app)
      .post(`${base}/grants/apply`)
      .set('Authorization', mockCredentials.service.header());
    expect(denied.status).toBe(403);
    expect(events).toEqual([{ eventId: 'grants-apply', outcome: 'fail' }]);
    const unchanged = await request(app)
      .get(`${base}/grants`)
      .set('Authorization', mockCredentials.user.header());
    expect(unchanged.body.fixSql).toHaveLength(10);

    const allowed = await start();
    const applied = await request(allowed.server)
      .post(`${base}/grants/apply`)
      .set('Authorization', mockCredentials.user.header());
    expect(applied.status).toBe(200);
    expect(applied.body.statements).toHaveLength(10);
    expect(applied.body.after.missing).toEqual([]);
    // The audit event names every statement that ran.
    expect(allowed.events).toEqual([
      {
        eventId: 'grants-apply',
        outcome: 'success',
        meta: { statements: applied.body.statements, stillMissing: 0 },
      },
    ]);
    expect(JSON.stringify(applied.body)).not.toContain(db.passwords.admin);

    const again = await request(allowed.server)
      .post(`${base}/grants/apply`)
      .set('Authorization', mockCredentials.user.header());
    expect(again.body.statements).toEqual([]);
  });

  it('answers 401 for apply without credentials', async () => {
    const { server: app, events } = await start();
    const res = await request(app).post(`${base}/grants/apply`);
    expect(res.status).toBe(401);
    expect(events).toEqual([]);
  });

  it('answers 503 naming the failure when the admin password is stale', async () => {
    kubernetes.store.apply(SECRETS, 'idp-dev', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'idp-dev-routed-admin' },
      data: { password: Buffer.from('stale-password').toString('base64') },
    } as never);
    const { server: app } = await start();
    const res = await request(app)
      .get(`${base}/grants`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/no longer matches the database/);
    expect(res.body.error.message).not.toContain('stale-password');
  });
});
