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

  it('fails rather than moving when a fixed port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>(r => blocker.listen(0, '127.0.0.1', r));
    try {
      await expect(
        Sandbox.start({
          stateDir: dir,
          postgres: testPostgres(),
          pollIntervalMs: 60_000,
          ports: { postgres: (blocker.address() as net.AddressInfo).port },
        }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise(r => blocker.close(r));
    }
  }, 30_000);
});
