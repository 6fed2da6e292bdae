import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { KubernetesEmulator } from './KubernetesEmulator';
import { writeKubeconfig } from './kubeconfig';
import { waitFor } from '../testing/waitFor';

function httpsGet(url: string, ca: string, token: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    https
      .get(url, { ca, headers: { Authorization: `Bearer ${token}` } }, res => {
        let body = '';
        res.on('data', c => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  if (!(error instanceof ApiException)) {
    throw new Error(`expected an ApiException, got ${String(error)}`);
  }
  const body = error.body as string | undefined;
  return { code: error.code, status: body ? JSON.parse(body) : undefined };
}

describe('KubernetesEmulator with @kubernetes/client-node', () => {
  const emulator = new KubernetesEmulator();
  let dir: string;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;
  let kubeconfigFile: string;

  beforeAll(async () => {
    await emulator.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-k8s-'));
    kubeconfigFile = path.join(dir, 'kubeconfig');
    writeKubeconfig(
      kubeconfigFile,
      emulator.url,
      emulator.token,
      emulator.caCert,
    );
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigFile);
    core = kc.makeApiClient(CoreV1Api);
    custom = kc.makeApiClient(CustomObjectsApi);
    emulator.store.ensureNamespace('team-a');
    emulator.store.ensureNamespace('team-b');
  });

  afterAll(async () => {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => emulator.faults.clear());

  it('lists namespaces', async () => {
    const list = await core.listNamespace();
    expect(list.items.map(n => n.metadata?.name)).toEqual(['team-a', 'team-b']);
    expect(list.items[0].status?.phase).toBe('Active');
  });

  it('creates, reads, replaces, merge-patches and deletes a secret', async () => {
    const created = await core.createNamespacedSecret({
      namespace: 'team-a',
      body: {
        metadata: {
          name: 'app-db-admin',
          labels: { app: 'db', role: 'admin' },
        },
        stringData: { username: 'app-db-admin', password: 's3cret' },
      },
    });
    expect(created.data?.password).toBe(
      Buffer.from('s3cret').toString('base64'),
    );
    expect(created.type).toBe('Opaque');
    const rv1 = created.metadata!.resourceVersion!;

    const read = await core.readNamespacedSecret({
      name: 'app-db-admin',
      namespace: 'team-a',
    });
    expect(read.metadata?.uid).toBe(created.metadata?.uid);

    const replaced = await core.replaceNamespacedSecret({
      name: 'app-db-admin',
      namespace: 'team-a',
      body: {
        ...read,
        data: { ...read.data, port: Buffer.from('5432').toString('base64') },
      },
    });
    expect(Number(replaced.metadata!.resourceVersion)).toBeGreaterThan(
      Number(rv1),
    );
    expect(Object.keys(replaced.data!).sort()).toEqual([
      'password',
      'port',
      'username',
    ]);

    const stale = await failure(
      core.replaceNamespacedSecret({
        name: 'app-db-admin',
        namespace: 'team-a',
        body: read,
      }),
    );
    expect(stale.code).toBe(409);
    expect(stale.status.reason).toBe('Conflict');

    const patched = await core.patchNamespacedSecret(
      {
        name: 'app-db-admin',
        namespace: 'team-a',
        body: {
          data: { port: null },
          metadata: { labels: { patched: 'yes' } },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(Object.keys(patched.data!).sort()).toEqual(['password', 'username']);
    expect(patched.metadata?.labels).toEqual({
      app: 'db',
      role: 'admin',
      patched: 'yes',
    });

    await core.deleteNamespacedSecret({
      name: 'app-db-admin',
      namespace: 'team-a',
    });
    const gone = await failure(
      core.readNamespacedSecret({ name: 'app-db-admin', namespace: 'team-a' }),
    );
    expect(gone).toEqual({
      code: 404,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'secrets "app-db-admin" not found',
        reason: 'NotFound',
        details: { name: 'app-db-admin', kind: 'secrets' },
        code: 404,
      },
    });
  });

  it('filters secret lists by label and field selectors', async () => {
    for (const [name, role] of [
      ['x-db-admin', 'admin'],
      ['x-db-read', 'read'],
      ['x-other', undefined],
    ] as const) {
      await core.createNamespacedSecret({
        namespace: 'team-b',
        body: { metadata: { name, labels: role ? { db: 'x', role } : {} } },
      });
    }
    const names = async (q: {
      labelSelector?: string;
      fieldSelector?: string;
    }) =>
      (
        await core.listNamespacedSecret({ namespace: 'team-b', ...q })
      ).items.map(s => s.metadata?.name);
    expect(await names({ labelSelector: 'db=x' })).toEqual([
      'x-db-admin',
      'x-db-read',
    ]);
    expect(await names({ labelSelector: 'db=x,role!=admin' })).toEqual([
      'x-db-read',
    ]);
    expect(await names({ labelSelector: 'role in (read,write)' })).toEqual([
      'x-db-read',
    ]);
    expect(await names({ labelSelector: '!db' })).toEqual(['x-other']);
    expect(await names({ fieldSelector: 'metadata.name=x-other' })).toEqual([
      'x-other',
    ]);
    expect(
      await names({ fieldSelector: 'type=Opaque,metadata.name!=x-other' }),
    ).toEqual(['x-db-admin', 'x-db-read']);
    const bad = await failure(
      core.listNamespacedSecret({
        namespace: 'team-b',
        fieldSelector: 'spec.foo=1',
      }),
    );
    expect(bad.code).toBe(400);
    expect(bad.status.message).toBe('field label not supported: spec.foo');
    const all = await core.listSecretForAllNamespaces({
      labelSelector: 'role=read',
    });
    expect(all.items.map(s => s.metadata?.namespace)).toEqual(['team-b']);
  });

  it('answers AlreadyExists, Invalid and missing-namespace errors like the API server', async () => {
    const body = { metadata: { name: 'dup' }, stringData: { a: 'b' } };
    await core.createNamespacedSecret({ namespace: 'team-a', body });
    const dup = await failure(
      core.createNamespacedSecret({ namespace: 'team-a', body }),
    );
    expect(dup.code).toBe(409);
    expect(dup.status).toMatchObject({
      reason: 'AlreadyExists',
      message: 'secrets "dup" already exists',
    });

    const bad = await failure(
      core.createNamespacedSecret({
        namespace: 'team-a',
        body: { metadata: { name: 'Bad_Name' } },
      }),
    );
    expect(bad.code).toBe(422);
    expect(bad.status.reason).toBe('Invalid');
    expect(bad.status.message).toMatch(
      /^Secret "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
    expect(bad.status.details.causes[0].field).toBe('metadata.name');

    const noNs = await failure(
      core.createNamespacedSecret({ namespace: 'nope', body }),
    );
    expect(noNs.code).toBe(404);
    expect(noNs.status.message).toBe('namespaces "nope" not found');
  });

  it('rejects requests without the bearer token', async () => {
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      {
        name: 'c',
        server: emulator.url,
        caData: Buffer.from(emulator.caCert).toString('base64'),
        skipTLSVerify: false,
      },
      { name: 'anonymous' },
    );
    const anonymous = kc.makeApiClient(CoreV1Api);
    const denied = await failure(anonymous.listNamespace());
    expect(denied.code).toBe(401);
    // client-node drops 401 bodies, so check the Status body on the wire.
    const raw = await httpsGet(
      `${emulator.url}/api/v1/namespaces`,
      emulator.caCert,
      'wrong-token',
    );
    expect(raw.status).toBe(401);
    expect(JSON.parse(raw.body)).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      message: 'Unauthorized',
      code: 401,
    });
  });

  it('serves the database custom resource with its conditions', async () => {
    const { group, version, plural, kind } = emulator.databaseResource;
    emulator.store.apply(emulator.databaseResource, 'team-a', {
      metadata: { name: 'orders' },
      spec: { name: 'orders' },
      status: {
        conditions: [
          { type: 'Ready', status: 'True', reason: 'Available', message: '' },
          {
            type: 'Synced',
            status: 'True',
            reason: 'ReconcileSuccess',
            message: '',
          },
        ],
      },
    });
    const obj = (await custom.getNamespacedCustomObject({
      group,
      version,
      namespace: 'team-a',
      plural,
      name: 'orders',
    })) as {
      kind: string;
      status: { conditions: { type: string; reason: string }[] };
    };
    expect(obj.kind).toBe(kind);
    expect(obj.status.conditions.map(c => `${c.type}:${c.reason}`)).toEqual([
      'Ready:Available',
      'Synced:ReconcileSuccess',
    ]);
    const list = (await custom.listNamespacedCustomObject({
      group,
      version,
      namespace: 'team-a',
      plural,
    })) as { items: { metadata: { name: string } }[] };
    expect(list.items.map(i => i.metadata.name)).toEqual(['orders']);
    const missing = await failure(
      custom.getNamespacedCustomObject({
        group,
        version,
        namespace: 'team-b',
        plural,
        name: 'orders',
      }),
    );
    expect(missing.status.message).toBe(`${plural} "orders" not found`);
  });

  it('serves an extra custom resource type when configured, and only then', async () => {
    const externalSecrets = {
      group: 'external-secrets.io',
      version: 'v1',
      plural: 'externalsecrets',
      singular: 'externalsecret',
      kind: 'ExternalSecret',
      namespaced: true,
    };
    const withExtra = new KubernetesEmulator({
      token: emulator.token,
      extraResourceTypes: [externalSecrets],
    });
    await withExtra.start();
    try {
      withExtra.store.ensureNamespace('team-a');
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [
          {
            name: 'c',
            server: withExtra.url,
            caData: Buffer.from(withExtra.caCert).toString('base64'),
          },
        ],
        users: [{ name: 'u', token: withExtra.token }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      });
      const extra = kc.makeApiClient(CustomObjectsApi);
      const address = {
        group: 'external-secrets.io',
        version: 'v1',
        namespace: 'team-a',
        plural: 'externalsecrets',
      };
      await extra.createNamespacedCustomObject({
        ...address,
        body: {
          apiVersion: 'external-secrets.io/v1',
          kind: 'ExternalSecret',
          metadata: { name: 'orders' },
          spec: { target: { name: 'orders' } },
        },
      });
      const read = (await extra.getNamespacedCustomObject({
        ...address,
        name: 'orders',
      })) as { spec: { target: { name: string } } };
      expect(read.spec.target.name).toBe('orders');
      const groups = await httpsGet(
        `${withExtra.url}/apis`,
        withExtra.caCert,
        withExtra.token,
      );
      expect(groups.body).toContain('external-secrets.io/v1');
      // The default emulator does not know the type.
      const unknown = await failure(
        custom.getNamespacedCustomObject({ ...address, name: 'orders' }),
      );
      expect(unknown.code).toBe(404);
    } finally {
      await withExtra.stop();
    }
  });

  it('counts TLS connections: one per request without keep-alive, one in all with it', async () => {
    const get = (agent: https.Agent) =>
      new Promise<number>((resolve, reject) => {
        https
          .get(
            `${emulator.url}/version`,
            { ca: emulator.caCert, agent },
            res => {
              res.resume();
              res.on('end', () => resolve(res.statusCode!));
            },
          )
          .on('error', reject);
      });
    emulator.resetConnectionCounts();
    for (let i = 0; i < 3; i++) {
      await get(new https.Agent({ ca: emulator.caCert }));
    }
    expect(emulator.connections.accepted).toBe(3);

    // The server may not have seen the last of them close yet; counted as
    // open, it would make the keep-alive connection look like a second one.
    await waitFor(() => emulator.connections.open === 0, 5000);
    emulator.resetConnectionCounts();
    const keepAlive = new https.Agent({ keepAlive: true });
    try {
      for (let i = 0; i < 3; i++) {
        expect(await get(keepAlive)).toBe(200);
      }
      expect(emulator.connections).toEqual({
        accepted: 1,
        open: 1,
        maxOpen: 1,
      });
    } finally {
      keepAlive.destroy();
    }
  });

  it('injects latency, throttling and malformed bodies per operation', async () => {
    emulator.faults.set('secrets.list', { status: 429 });
    const throttled = await failure(
      core.listNamespacedSecret({ namespace: 'team-a' }),
    );
    expect(throttled.code).toBe(429);
    expect(throttled.status.reason).toBe('TooManyRequests');
    // Other operations are untouched.
    await expect(core.listNamespace()).resolves.toBeDefined();

    emulator.faults.set('namespaces.list', { malformedBody: true });
    await expect(core.listNamespace()).rejects.toThrow();

    emulator.faults.set('namespaces.list', { delayMs: 150 });
    const started = Date.now();
    await core.listNamespace();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
