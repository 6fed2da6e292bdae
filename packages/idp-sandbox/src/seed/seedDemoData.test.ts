import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DescribeSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { Client } from 'pg';
import { Sandbox } from '../sandbox/Sandbox';
import { testPostgres } from '../testing/testPostgres';
import { seedDemoData } from './seedDemoData';

// The backend's tests seed the default demo namespaces into the same test
// PostgreSQL server; these tests use their own so the two never collide.
const NAMESPACES = { dev: 'seed-dev', prod: 'seed-prod' };

describe('Sandbox with seeded demo data, seen through the real clients', () => {
  let dir: string;
  let sandbox: Sandbox;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;
  let sm: SecretsManagerClient;
  let report: Awaited<ReturnType<typeof seedDemoData>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-seed-'));
    sandbox = await Sandbox.start({
      stateDir: dir,
      postgres: testPostgres(),
      pollIntervalMs: 60_000,
    });
    report = await seedDemoData(sandbox, undefined, NAMESPACES);
    const kc = new KubeConfig();
    kc.loadFromFile(sandbox.endpoints.kubernetes.kubeconfig);
    core = kc.makeApiClient(CoreV1Api);
    custom = kc.makeApiClient(CustomObjectsApi);
    sm = new SecretsManagerClient({
      endpoint: sandbox.endpoints.secretsManager.url,
      region: sandbox.endpoints.secretsManager.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  }, 60_000);

  afterAll(async () => {
    sm?.destroy();
    await sandbox?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function secret(namespace: string, name: string) {
    const s = await core.readNamespacedSecret({ namespace, name });
    return Object.fromEntries(
      Object.entries(s.data!).map(([k, v]) => [
        k,
        Buffer.from(v, 'base64').toString(),
      ]),
    );
  }

  async function queryAs(
    namespace: string,
    db: string,
    role: string,
    sql: string,
  ) {
    const creds = await secret(namespace, `${namespace}-${db}-${role}`);
    const client = new Client({
      host: creds.endpoint,
      port: Number(creds.port),
      user: creds.username,
      password: creds.password,
      database: `${namespace}-${db}`,
      ssl: { ca: sandbox.postgres.caCert, servername: 'localhost' },
    });
    try {
      await client.connect();
      return await client.query(sql);
    } finally {
      await client.end().catch(() => {});
    }
  }

  const { group, version, plural } = {
    group: 'idp.jppol.dk',
    version: 'v1alpha1',
    plural: 'postgresqldatabases',
  };
  const conditions = async (namespace: string, name: string) =>
    (
      (await custom.getNamespacedCustomObject({
        group,
        version,
        namespace,
        plural,
        name,
      })) as {
        status: {
          conditions: { type: string; status: string; message: string }[];
        };
      }
    ).status.conditions;

  it('reports six demo databases in two namespaces', () => {
    expect(report.alreadySeeded).toBe(false);
    expect(
      report.databases.map(d => `${d.namespace}/${d.name}`).sort(),
    ).toEqual([
      'seed-dev/analytics',
      'seed-dev/inventory',
      'seed-dev/orders',
      'seed-prod/billing',
      'seed-prod/payments',
      'seed-prod/reports',
    ]);
  });

  it('has a healthy database whose read role can read through the proxy', async () => {
    expect((await secret('seed-dev', 'seed-dev-orders-read')).port).toBe(
      String(sandbox.proxy.port),
    );
    const { rows } = await queryAs(
      'seed-dev',
      'orders',
      'read',
      'SELECT count(*)::int AS n FROM items',
    );
    expect(rows[0].n).toBe(2);
  });

  it('has a database whose read role has no grants', async () => {
    await expect(
      queryAs('seed-dev', 'inventory', 'read', 'SELECT * FROM public.items'),
    ).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('has a protected database removed from the repo: no Kubernetes secrets, data kept', async () => {
    const list = await core.listNamespacedSecret({ namespace: 'seed-prod' });
    expect(
      list.items
        .map(s => s.metadata!.name)
        .filter(n => n!.startsWith('seed-prod-billing')),
    ).toEqual([]);
    const described = await sm.send(
      new DescribeSecretCommand({
        SecretId: 'customer/seed-prod/seed-prod-billing-admin',
      }),
    );
    expect(described.DeletedDate).toBeUndefined();
  });

  it('has a Secrets Manager secret scheduled for deletion', async () => {
    const described = await sm.send(
      new DescribeSecretCommand({
        SecretId: 'customer/seed-prod/seed-prod-reports-read',
      }),
    );
    expect(described.DeletedDate).toBeInstanceOf(Date);
  });

  it('has a Kubernetes password that no longer matches the database', async () => {
    await expect(
      queryAs('seed-prod', 'payments', 'write', 'SELECT 1'),
    ).rejects.toMatchObject({ code: '28P01' });
    await expect(
      queryAs('seed-prod', 'payments', 'admin', 'SELECT 1'),
    ).resolves.toBeDefined();
  });

  it('has values the controller rejects', async () => {
    const synced = (await conditions('seed-dev', 'analytics')).find(
      c => c.type === 'Synced',
    )!;
    expect(synced.status).toBe('False');
    expect(synced.message).toContain(
      'additional property "replicas" is not allowed',
    );
  });

  it('does not seed twice', async () => {
    expect(
      (await seedDemoData(sandbox, undefined, NAMESPACES)).alreadySeeded,
    ).toBe(true);
  });

  it('writes connection files without secrets in the runtime file', () => {
    const runtime = fs.readFileSync(path.join(dir, 'sandbox.json'), 'utf8');
    expect(runtime).not.toContain(sandbox.postgres.password);
    expect(fs.statSync(path.join(dir, 'pgpass')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'kubeconfig')).mode & 0o777).toBe(0o600);
  });
});
