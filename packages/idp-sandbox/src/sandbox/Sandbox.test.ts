import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { testPostgres } from '../testing/testPostgres';
import { Sandbox } from './Sandbox';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise(r => server.close(r));
  return port;
}

describe('Sandbox with fixed ports and token (the dev backend)', () => {
  let dir: string;
  let sandbox: Sandbox | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-fixed-'));
  });
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens where it is told and accepts the given token', async () => {
    const ports = {
      postgres: await freePort(),
      kubernetes: await freePort(),
      secretsManager: await freePort(),
    };
    sandbox = await Sandbox.start({
      stateDir: dir,
      postgres: testPostgres(),
      pollIntervalMs: 60_000,
      ports,
      kubernetesToken: 'dev-only-token',
    });
    expect(sandbox.endpoints.postgres.port).toBe(ports.postgres);
    expect(sandbox.endpoints.kubernetes.url).toBe(
      `https://127.0.0.1:${ports.kubernetes}`,
    );
    expect(sandbox.endpoints.secretsManager.url).toBe(
      `http://127.0.0.1:${ports.secretsManager}`,
    );
    expect(fs.readFileSync(sandbox.paths.kubernetesCaCert, 'utf8')).toContain(
      'BEGIN CERTIFICATE',
    );
    expect(fs.readFileSync(sandbox.paths.kubeconfig, 'utf8')).toContain(
      'token: dev-only-token',
    );
  }, 30_000);

  it.each([
    ['postgres', 'PostgreSQL (the fault-injection proxy clients connect to)'],
    ['kubernetes', 'the Kubernetes API emulator'],
    ['secretsManager', 'the Secrets Manager emulator'],
  ] as const)(
    'fails naming the port when the fixed %s port is taken, leaving nothing listening',
    async (part, title) => {
      const blocker = net.createServer();
      await new Promise<void>(r => blocker.listen(0, '127.0.0.1', r));
      const taken = (blocker.address() as net.AddressInfo).port;
      const ports = {
        postgres: await freePort(),
        kubernetes: await freePort(),
        secretsManager: await freePort(),
        [part]: taken,
      };
      try {
        await expect(
          Sandbox.start({
            stateDir: dir,
            postgres: testPostgres(),
            pollIntervalMs: 60_000,
            ports,
          }),
        ).rejects.toThrow(`Port ${taken} for ${title} is in use`);
      } finally {
        await new Promise(r => blocker.close(r));
      }
      // The other parts' ports are free again, and no runtime file claims a sandbox.
      for (const port of Object.values(ports)) {
        const probe = net.createServer();
        await new Promise<void>(r => probe.listen(port, '127.0.0.1', r));
        await new Promise(r => probe.close(r));
      }
      expect(fs.existsSync(path.join(dir, 'sandbox.json'))).toBe(false);
    },
    30_000,
  );
});
