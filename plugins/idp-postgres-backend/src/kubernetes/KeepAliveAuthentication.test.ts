import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  type Cluster,
} from '@kubernetes/client-node';
import { KubernetesEmulator, SECRETS } from '@jppol-idp/idp-sandbox';
import { KeepAliveAuthentication } from './KeepAliveAuthentication';

describe('KeepAliveAuthentication against the sandbox Kubernetes emulator', () => {
  const emulator = new KubernetesEmulator();
  let dir: string;
  let caFile: string;
  const made: KeepAliveAuthentication[] = [];

  const kubeConfig = (cluster: Partial<Cluster> = {}, token?: string) => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: emulator.url, caFile, ...cluster }],
      users: [{ name: 'u', token: token ?? emulator.token }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    return kc;
  };
  const keepAlive = (kc: KubeConfig, maxSockets = 16) => {
    const auth = new KeepAliveAuthentication(kc, {
      maxSockets,
      idleTimeoutMs: 30_000,
    });
    made.push(auth);
    return auth;
  };
  const readSecret = (core: CoreV1Api) =>
    core.readNamespacedSecret({ namespace: 'idp-dev', name: 's' });
  const sequentialReads = async (core: CoreV1Api, count: number) => {
    for (let i = 0; i < count; i++) {
      await readSecret(core);
    }
  };

  beforeAll(async () => {
    await emulator.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-postgres-keepalive-'));
    caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, emulator.caCert);
    emulator.store.ensureNamespace('idp-dev');
    emulator.store.apply(SECRETS, 'idp-dev', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { password: Buffer.from('p').toString('base64') },
    } as never);
  });

  beforeEach(() => emulator.resetConnectionCounts());

  afterEach(() => {
    made.splice(0).forEach(auth => auth.destroy());
    emulator.faults.clear();
  });

  afterAll(async () => {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exists because KubeConfig’s own clients make a TLS handshake per request', async () => {
    await sequentialReads(kubeConfig().makeApiClient(CoreV1Api), 10);
    expect(emulator.connections.accepted).toBe(10);
  });

  it('makes one TLS handshake for sequential requests', async () => {
    await sequentialReads(keepAlive(kubeConfig()).makeApiClient(CoreV1Api), 10);
    expect(emulator.connections).toEqual({ accepted: 1, open: 1, maxOpen: 1 });
  });

  it('shares the connections between the API clients of one cluster', async () => {
    const auth = keepAlive(kubeConfig());
    await sequentialReads(auth.makeApiClient(CoreV1Api), 2);
    await sequentialReads(auth.makeApiClient(CoreV1Api), 2);
    expect(emulator.connections.accepted).toBe(1);
  });

  it('opens at most maxSockets connections for concurrent requests', async () => {
    // A delay keeps requests in flight, so each would want its own connection.
    emulator.faults.set('secrets.get', { delayMs: 50 });
    const core = keepAlive(kubeConfig(), 4).makeApiClient(CoreV1Api);
    const secrets = await Promise.all(
      Array.from({ length: 20 }, () => readSecret(core)),
    );
    expect(secrets).toHaveLength(20);
    expect(emulator.connections.maxOpen).toBe(4);
    expect(emulator.connections.accepted).toBe(4);
  });

  it('applies the token per request, so a rotated token is used at once', async () => {
    const kc = kubeConfig();
    // What a token file read per request would do when the token rotates.
    const user = kc.getCurrentUser() as { token?: string };
    const core = keepAlive(kc).makeApiClient(CoreV1Api);
    await readSecret(core);
    user.token = 'a-token-the-server-does-not-know';
    const refused = await readSecret(core).catch(e => e);
    expect(refused).toBeInstanceOf(ApiException);
    expect(refused.code).toBe(401);
    user.token = emulator.token;
    await readSecret(core);
    expect(emulator.connections.accepted).toBe(1);
  });

  it('carries KubeConfig’s TLS options: CA, skipTLSVerify and server name', async () => {
    const noCa = { caFile: undefined };
    await expect(
      readSecret(keepAlive(kubeConfig(noCa)).makeApiClient(CoreV1Api)),
    ).rejects.toThrow(/unable to verify|self-signed/);
    await expect(
      readSecret(
        keepAlive(kubeConfig({ ...noCa, skipTLSVerify: true })).makeApiClient(
          CoreV1Api,
        ),
      ),
    ).resolves.toBeDefined();
    await expect(
      readSecret(
        keepAlive(
          kubeConfig({ tlsServerName: 'not-the-api.example' }),
        ).makeApiClient(CoreV1Api),
      ),
    ).rejects.toThrow(/not-the-api\.example/);
  });

  it('builds a new agent when the CA file changes, closing the old idle connection', async () => {
    const core = keepAlive(kubeConfig()).makeApiClient(CoreV1Api);
    await sequentialReads(core, 2);
    // A bundle naming the CA twice: still trusted, but different options.
    fs.writeFileSync(caFile, `${emulator.caCert}\n${emulator.caCert}`);
    try {
      await sequentialReads(core, 2);
    } finally {
      fs.writeFileSync(caFile, emulator.caCert);
    }
    await waitFor(() => emulator.connections.open === 1);
    expect(emulator.connections).toMatchObject({ accepted: 2, open: 1 });
  });

  it('closes its connections on destroy', async () => {
    const auth = keepAlive(kubeConfig());
    await sequentialReads(auth.makeApiClient(CoreV1Api), 2);
    expect(emulator.connections.open).toBe(1);
    auth.destroy();
    await waitFor(() => emulator.connections.open === 0);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
