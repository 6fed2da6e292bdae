import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { DEFAULT_DATABASE_RESOURCE_TYPE } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  KubernetesEmulator,
  TcpFaultProxy,
  databaseResourceType,
} from '@jppol-idp/idp-sandbox';
import type { ClusterConfig } from '../config/pluginConfig';
import { KUBERNETES_MAX_SOCKETS, KubernetesGateway } from './KubernetesGateway';
import { CountingFaults } from '../__testUtils__/CountingFaults';

describe('KubernetesGateway against the sandbox Kubernetes emulator', () => {
  // Counting, so teardown can wait out the slow test's delayed call.
  const faults = new CountingFaults();
  const emulator = new KubernetesEmulator({ faults });
  let dir: string;
  let cluster: ClusterConfig;
  const gateways: KubernetesGateway[] = [];

  const gateway = (
    overrides: Partial<{ token: string; timeoutMs: number }> = {},
  ) => {
    const made = new KubernetesGateway(
      {
        ...cluster,
        kubernetes: {
          auth: 'url',
          url: emulator.url,
          token: overrides.token ?? emulator.token,
          caFile: path.join(dir, 'ca.pem'),
          skipTLSVerify: false,
        },
      },
      overrides.timeoutMs ?? 2000,
    );
    gateways.push(made);
    return made;
  };

  beforeAll(async () => {
    await emulator.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-postgres-k8s-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), emulator.caCert);
    emulator.store.ensureNamespace('idp-dev');
    cluster = {
      name: 'sandbox',
      namespaces: ['idp-dev'],
      kubernetes: { auth: 'inCluster' },
      secretsManager: {
        region: 'eu-west-1',
        namePattern: 'x/{database}/{role}',
      },
      postgres: { host: '127.0.0.1', port: 5432, ssl: { mode: 'no-verify' } },
      customResource: {
        group: DEFAULT_DATABASE_RESOURCE_TYPE.group,
        version: DEFAULT_DATABASE_RESOURCE_TYPE.version,
        plural: DEFAULT_DATABASE_RESOURCE_TYPE.plural,
      },
      restore: {
        target: 'secret',
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets' },
      },
    };
  });

  afterAll(async () => {
    await faults.settled();
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    emulator.faults.clear();
    gateways.splice(0).forEach(g => g.destroy());
  });

  it('answers undefined for a secret that does not exist', async () => {
    await expect(
      gateway().readSecret('idp-dev', 'nope'),
    ).resolves.toBeUndefined();
  });

  it('creates a secret, reads it decoded and lists it', async () => {
    const secret = {
      namespace: 'idp-dev',
      name: 'idp-dev-k-read',
      labels: { 'idp.jppol.dk/restored-by': 'backstage' },
      data: {
        endpoint: 'db.example',
        port: '5432',
        username: 'idp-dev-k-read',
        password: 'p',
      },
    };
    await gateway().createSecret(secret);
    await expect(
      gateway().readSecret('idp-dev', 'idp-dev-k-read'),
    ).resolves.toEqual(secret);
    const all = await gateway().listSecrets('idp-dev');
    expect(all.map(s => s.name)).toContain('idp-dev-k-read');
    // Connection details read only what they show: no password decoded.
    await expect(
      gateway().readSecretKeys('idp-dev', 'idp-dev-k-read', [
        'endpoint',
        'port',
      ]),
    ).resolves.toEqual({ endpoint: 'db.example', port: '5432' });
    await expect(
      gateway().readSecretKeys('idp-dev', 'nope', ['endpoint']),
    ).resolves.toBeUndefined();
  });

  it('never overwrites an existing secret on create', async () => {
    const secret = {
      namespace: 'idp-dev',
      name: 'idp-dev-dup',
      labels: {},
      data: { a: '1' },
    };
    await gateway().createSecret(secret);
    await expect(
      gateway().createSecret({ ...secret, data: { a: '2' } }),
    ).rejects.toThrow(ConflictError);
    await expect(
      gateway().readSecret('idp-dev', 'idp-dev-dup'),
    ).resolves.toMatchObject({
      data: { a: '1' },
    });
  });

  it('reads and lists the database resource with its conditions', async () => {
    emulator.store.apply(
      databaseResourceType(DEFAULT_DATABASE_RESOURCE_TYPE),
      'idp-dev',
      {
        apiVersion: `${DEFAULT_DATABASE_RESOURCE_TYPE.group}/${DEFAULT_DATABASE_RESOURCE_TYPE.version}`,
        kind: DEFAULT_DATABASE_RESOURCE_TYPE.kind,
        metadata: { name: 'shop' },
        spec: { name: 'shop', chartVersion: '0.5.0' },
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'Creating',
              message: 'Unready resources: roles',
            },
            { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
          ],
        },
      } as never,
    );
    const resource = await gateway().getDatabaseResource('idp-dev', 'shop');
    expect(resource).toEqual({
      name: 'shop',
      namespace: 'idp-dev',
      databaseName: 'shop',
      chartVersion: '0.5.0',
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'Creating',
          message: 'Unready resources: roles',
        },
        { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
      ],
    });
    await expect(
      gateway().getDatabaseResource('idp-dev', 'other'),
    ).resolves.toBeUndefined();
    const list = await gateway().listDatabaseResources('idp-dev');
    expect(list.map(r => r.name)).toEqual(['shop']);
  });

  it('reports a refused token as the API being unavailable, without the token', async () => {
    const error = await gateway({ token: 'wrong-token-value' })
      .listSecrets('idp-dev')
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(/HTTP 401/);
    expect(error.message).not.toContain('wrong-token-value');
  });

  it('gives up on a slow API within its timeout', async () => {
    emulator.faults.set('secrets.get', { delayMs: 1000 });
    const started = Date.now();
    await expect(
      gateway({ timeoutMs: 150 }).readSecret('idp-dev', 'idp-dev-k-read'),
    ).rejects.toThrow(/did not answer within 150 ms/);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('reports throttling with the API’s reason', async () => {
    emulator.faults.set('secrets.list', { status: 429 });
    await expect(gateway().listSecrets('idp-dev')).rejects.toThrow(
      /HTTP 429 TooManyRequests/,
    );
  });

  it('says the API failed when it answers invalid JSON, without quoting it', async () => {
    emulator.faults.set('secrets.get', { malformedBody: true });
    const error = await gateway()
      .readSecret('idp-dev', 'idp-dev-k-read')
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'Kubernetes API of cluster sandbox failed reading secret idp-dev/idp-dev-k-read: an answer that is not valid JSON',
    );
  });

  it('takes an answer of the wrong shape for a failure, not for an empty list or a bare secret', async () => {
    // Plain HTTP to the proxy, TLS from it to the emulator, so the proxy
    // can answer in the API's place.
    const proxy = new TcpFaultProxy({
      targetHost: '127.0.0.1',
      targetPort: Number(new URL(emulator.url).port),
      targetTls: { ca: emulator.caCert },
    });
    await proxy.start();
    try {
      const body = '{"kind":"Status","status":"Success"}';
      proxy.faults.set('data', {
        reply: `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      });
      const behind = new KubernetesGateway(
        {
          ...cluster,
          kubernetes: {
            auth: 'url',
            url: `http://127.0.0.1:${proxy.port}`,
            token: emulator.token,
            skipTLSVerify: true,
          },
        },
        2000,
      );
      gateways.push(behind);
      await expect(behind.listDatabaseResources('idp-dev')).rejects.toThrow(
        /failed listing postgresqldatabases in idp-dev: unexpected answer: not a list$/,
      );
      await expect(behind.listSecrets('idp-dev')).rejects.toThrow(
        /unexpected answer: not a list$/,
      );
      await expect(
        behind.readSecret('idp-dev', 'idp-dev-k-read'),
      ).rejects.toThrow(
        /unexpected answer: not an object named idp-dev-k-read$/,
      );
      await expect(
        behind.getDatabaseResource('idp-dev', 'orders'),
      ).rejects.toThrow(/unexpected answer: not an object named orders$/);
    } finally {
      await proxy.stop();
    }
  });

  describe('connections', () => {
    beforeAll(async () => {
      const setup = gateway();
      await setup.createSecret({
        namespace: 'idp-dev',
        name: 'idp-dev-conn-read',
        labels: {},
        data: { password: 'p' },
      });
      setup.destroy();
    });
    beforeEach(async () => {
      // Connections of earlier tests' gateways close once those are destroyed.
      await waitFor(() => emulator.connections.open === 0);
      emulator.resetConnectionCounts();
    });

    it('reads ten secrets in a row over one TLS connection', async () => {
      const one = gateway();
      for (let i = 0; i < 10; i++) {
        await one.readSecret('idp-dev', 'idp-dev-conn-read');
      }
      expect(emulator.connections.accepted).toBe(1);
    });

    it('closes its connections on destroy', async () => {
      const one = gateway();
      await one.listSecrets('idp-dev');
      expect(emulator.connections.open).toBe(1);
      one.destroy();
      await waitFor(() => emulator.connections.open === 0);
    });

    it(`opens at most ${KUBERNETES_MAX_SOCKETS} connections however many reads run at once`, async () => {
      emulator.faults.set('secrets.get', { delayMs: 50 });
      const one = gateway();
      const secrets = await Promise.all(
        Array.from({ length: 3 * KUBERNETES_MAX_SOCKETS }, () =>
          one.readSecret('idp-dev', 'idp-dev-conn-read'),
        ),
      );
      expect(secrets.every(s => s?.data.password === 'p')).toBe(true);
      expect(emulator.connections.maxOpen).toBeLessThanOrEqual(
        KUBERNETES_MAX_SOCKETS,
      );
      expect(emulator.connections.accepted).toBeLessThanOrEqual(
        KUBERNETES_MAX_SOCKETS,
      );
    });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
