import { ServiceUnavailableError } from '@backstage/errors';
import { SecretsManagerEmulator, TcpFaultProxy } from '@jppol-idp/idp-sandbox';
import type { ClusterConfig } from '../config/pluginConfig';
import { sameSecret } from '../service/secretDigest';
import { SecretsManagerGateway } from './SecretsManagerGateway';
import { CountingFaults } from '../__testUtils__/CountingFaults';

describe('SecretsManagerGateway against the sandbox Secrets Manager emulator', () => {
  // Counting, so teardown can wait out the slow test's delayed call.
  const faults = new CountingFaults();
  const emulator = new SecretsManagerEmulator({ faults });
  const gateways: SecretsManagerGateway[] = [];

  const gateway = (timeoutMs = 2000, endpoint = emulator.url) => {
    const cluster = {
      name: 'sandbox',
      secretsManager: {
        region: 'eu-west-1',
        endpoint,
        namePattern: 'customer/{namespace}/{namespace}-{database}-{role}',
      },
    } as ClusterConfig;
    const created = new SecretsManagerGateway(cluster, timeoutMs, async () => ({
      accessKeyId: 'test',
      secretAccessKey: 'test',
    }));
    gateways.push(created);
    return created;
  };

  const value = {
    endpoint: 'db.example',
    port: '5432',
    username: 'idp-dev-sm-read',
    password: 'sm-password',
  };

  beforeAll(async () => {
    await emulator.start();
    const store = emulator.store;
    store.addVersion(store.add('customer/idp-dev/idp-dev-sm-read', {}), {
      secretString: JSON.stringify(value),
    });
    const now = Math.floor(Date.now() / 1000);
    store.addVersion(
      store.add('customer/idp-dev/idp-dev-sm-write', {
        deletedDate: now,
        deletionDate: now + 7 * 86400,
      }),
      { secretString: JSON.stringify(value) },
    );
    store.addVersion(store.add('customer/other/other-x-read', {}), {
      secretString: '{}',
    });
  });

  afterAll(async () => {
    await faults.settled();
    gateways.forEach(g => g.destroy());
    await emulator.stop();
  });

  afterEach(() => emulator.faults.clear());

  it('tells present, missing and scheduled-for-deletion apart', async () => {
    await expect(
      gateway().describe('customer/idp-dev/idp-dev-sm-read'),
    ).resolves.toEqual({
      state: 'present',
    });
    await expect(
      gateway().describe('customer/idp-dev/idp-dev-sm-admin'),
    ).resolves.toEqual({
      state: 'missing',
    });
    const scheduled = await gateway().describe(
      'customer/idp-dev/idp-dev-sm-write',
    );
    expect(scheduled).toMatchObject({ state: 'scheduled-for-deletion' });
  });

  it('reads the JSON fields, and reports a scheduled secret instead of failing', async () => {
    const read = await gateway().readValues('customer/idp-dev/idp-dev-sm-read');
    expect(read.state).toBe('present');
    expect(
      read.state === 'present' &&
        sameSecret(read.values.password, 'sm-password'),
    ).toBe(true);
    await expect(
      gateway().readValues('customer/idp-dev/idp-dev-sm-write'),
    ).resolves.toEqual({
      state: 'scheduled-for-deletion',
    });
    await expect(
      gateway().readValues('customer/idp-dev/nothing'),
    ).resolves.toEqual({
      state: 'missing',
    });
  });

  it('lists a namespace by prefix, including scheduled deletions', async () => {
    const listed = await gateway().listByPrefix('customer/idp-dev/');
    expect(listed.map(s => [s.name, Boolean(s.deletedDate)]).sort()).toEqual([
      ['customer/idp-dev/idp-dev-sm-read', false],
      ['customer/idp-dev/idp-dev-sm-write', true],
    ]);
  });

  it('cancels a scheduled deletion so the value can be read again', async () => {
    const name = 'customer/idp-cancel/idp-cancel-x-read';
    const now = Math.floor(Date.now() / 1000);
    emulator.store.addVersion(
      emulator.store.add(name, {
        deletedDate: now,
        deletionDate: now + 7 * 86400,
      }),
      { secretString: JSON.stringify(value) },
    );
    await expect(gateway().readValues(name)).resolves.toEqual({
      state: 'scheduled-for-deletion',
    });
    await gateway().cancelDeletion(name);
    await expect(gateway().describe(name)).resolves.toEqual({
      state: 'present',
    });
    const read = await gateway().readValues(name);
    expect(read.state === 'present' && read.values.username).toBe(
      'idp-dev-sm-read',
    );
  });

  it('reports a cancellation that fails as unavailable, naming the AWS error', async () => {
    const error = await gateway()
      .cancelDeletion('customer/idp-cancel/nothing')
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(
      /cancelling the deletion of customer\/idp-cancel\/nothing: ResourceNotFoundException/,
    );
  });

  it('force-deletes present and scheduled secrets at once, leaving nothing to recover', async () => {
    const now = Math.floor(Date.now() / 1000);
    const present = 'customer/idp-purge/idp-purge-x-admin';
    const scheduled = 'customer/idp-purge/idp-purge-x-write';
    emulator.store.addVersion(emulator.store.add(present, {}), {
      secretString: JSON.stringify(value),
    });
    emulator.store.addVersion(
      emulator.store.add(scheduled, {
        deletedDate: now,
        deletionDate: now + 7 * 86400,
      }),
      { secretString: JSON.stringify(value) },
    );
    await expect(gateway().forceDelete(present)).resolves.toBe('deleted');
    await expect(gateway().forceDelete(scheduled)).resolves.toBe('deleted');
    expect(emulator.store.find(present)).toBeUndefined();
    expect(emulator.store.find(scheduled)).toBeUndefined();
    await expect(
      gateway().listByPrefix('customer/idp-purge/'),
    ).resolves.toEqual([]);
    await expect(gateway().forceDelete(present)).resolves.toBe('absent');
  });

  it('reports a deletion that fails as unavailable, naming the AWS error', async () => {
    emulator.faults.set('DeleteSecret', { status: 500 });
    const error = await gateway()
      .forceDelete('customer/idp-dev/idp-dev-sm-read')
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(
      /force-deleting customer\/idp-dev\/idp-dev-sm-read: InternalServiceError/,
    );
    expect(
      emulator.store.find('customer/idp-dev/idp-dev-sm-read'),
    ).toBeDefined();
  });

  it('retries a throttled call after backing off, three attempts at most, then names the AWS error', async () => {
    emulator.faults.set('DescribeSecret', { status: 429 });
    faults.resetCounts();
    const started = Date.now();
    // Long enough for the SDK to spend its attempts (its back-off after
    // throttling and its lowered sending rate take seconds).
    const error = await gateway(15_000)
      .describe('customer/idp-dev/idp-dev-sm-read')
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(/ThrottlingException/);
    expect(faults.count('DescribeSecret')).toBe(3);
    // Backed off between attempts rather than retrying at once.
    expect(Date.now() - started).toBeGreaterThan(1000);
  });

  it('says which answer was of the wrong shape, and that it is Secrets Manager at fault', async () => {
    const proxy = new TcpFaultProxy({
      targetHost: '127.0.0.1',
      targetPort: Number(new URL(emulator.url).port),
    });
    await proxy.start();
    try {
      const body = '{"status":"ok"}';
      proxy.faults.set('data', {
        reply: `HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      });
      const behind = gateway(2000, `http://127.0.0.1:${proxy.port}`);
      // Taken for an empty listing, it would drop every database.
      await expect(behind.listByPrefix('customer/idp-dev/')).rejects.toThrow(
        'Secrets Manager of cluster sandbox gave an unexpected answer listing customer/idp-dev/: no SecretList',
      );
      await expect(
        behind.describe('customer/idp-dev/idp-dev-sm-read'),
      ).rejects.toThrow(/unexpected answer describing .*: no Name or ARN/);
    } finally {
      await proxy.stop();
    }
  });

  it('gives up on a slow Secrets Manager within its timeout', async () => {
    emulator.faults.set('GetSecretValue', { delayMs: 1000 });
    await expect(
      gateway(150).readValues('customer/idp-dev/idp-dev-sm-read'),
    ).rejects.toThrow(/did not answer within 150 ms/);
  });

  it('never puts a value in an error', async () => {
    emulator.faults.set('GetSecretValue', { malformedBody: true });
    const error = await gateway()
      .readValues('customer/idp-dev/idp-dev-sm-read')
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).not.toContain('sm-password');
  });
});
