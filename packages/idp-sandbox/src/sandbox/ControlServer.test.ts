import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { testPostgres } from '../testing/testPostgres';
import { ControlAccess, ControlServer } from './ControlServer';
import { Sandbox } from './Sandbox';

describe('ControlServer', () => {
  let dir: string;
  let sandbox: Sandbox;
  let control: ControlServer;
  let access: ControlAccess;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-control-'));
    sandbox = await Sandbox.start({
      stateDir: dir,
      postgres: testPostgres(),
      pollIntervalMs: 60_000,
    });
    control = new ControlServer(sandbox);
    access = await control.start();
    // Generous: key generation and git setup are slow on a busy 2-core box.
  }, 30_000);

  afterAll(async () => {
    await control?.stop();
    await sandbox?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = (
    method: string,
    route: string,
    body?: unknown,
    token = access.token,
  ) =>
    fetch(`${access.url}${route}`, {
      method,
      headers: { Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('sets fault rules that the running emulators apply at once', async () => {
    const sm = new SecretsManagerClient({
      endpoint: sandbox.endpoints.secretsManager.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    try {
      const set = await call('PUT', '/faults/secrets-manager/ListSecrets', {
        status: 429,
      });
      expect(set.status).toBe(200);
      expect((await set.json())['secrets-manager']).toEqual({
        ListSecrets: { status: 429 },
      });
      await expect(sm.send(new ListSecretsCommand({}))).rejects.toMatchObject({
        name: 'ThrottlingException',
      });

      expect((await call('DELETE', '/faults')).status).toBe(200);
      await expect(sm.send(new ListSecretsCommand({}))).resolves.toBeDefined();
    } finally {
      sm.destroy();
    }
  });

  it('refuses bad rules, unknown targets and missing tokens', async () => {
    const bad = await call('PUT', '/faults/kubernetes/secrets.get', {
      failureRate: 5,
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe(
      'failureRate must be between 0 and 1, got 5',
    );
    expect(sandbox.kubernetes.faults.rules()).toEqual({});
    expect((await call('PUT', '/faults/nope/x', {})).status).toBe(404);
    expect((await call('GET', '/faults', undefined, 'wrong')).status).toBe(401);
  });
});
