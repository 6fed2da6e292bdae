import { ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import type { CacheService } from '@backstage/backend-plugin-api';
import {
  ServiceFactoryTester,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type {
  DatabaseRef,
  DatabaseStatus,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  SandboxPlatform,
  sandboxAwsCredentials,
} from '../__testUtils__/sandboxPlatform';
import { readPluginConfig } from '../config/readPluginConfig';
import { ClusterClients } from '../service/ClusterClients';
import { StatusCollector } from './StatusCollector';
import { StatusService } from './StatusService';
import type { ReplicaMessage } from './__testUtils__/redisReplica';

const platform = new SandboxPlatform();
const clients: ClusterClients[] = [];
const logger = mockServices.logger.mock();

/** A replica's status service against the sandbox, with its own clients. */
function replica(
  options: {
    cacheTtlSeconds?: number;
    cacheMaxMegabytes?: number;
    shared?: CacheService;
  } = {},
): StatusService {
  const base = platform.config({
    cacheTtlSeconds: options.cacheTtlSeconds ?? 60,
  }) as { idpPostgres: object };
  const config = readPluginConfig(
    new ConfigReader({
      idpPostgres: {
        ...base.idpPostgres,
        ...(options.cacheMaxMegabytes
          ? { cacheMaxMegabytes: options.cacheMaxMegabytes }
          : {}),
      },
    }),
  );
  const clusterClients = new ClusterClients(
    config,
    logger,
    sandboxAwsCredentials(),
  );
  clients.push(clusterClients);
  return new StatusService({
    config,
    collector: new StatusCollector(config, clusterClients),
    logger,
    shared: options.shared,
  });
}

/** Backstage's own cache service for the plugin, from root config. */
function backstageCache(config: object = {}): Promise<CacheService> {
  return ServiceFactoryTester.from(mockServices.cache.factory(), {
    dependencies: [mockServices.rootConfig.factory({ data: config })],
  }).getSubject('idp-postgres');
}

/** Every call the emulators answered since the last reset. */
function upstreamCalls(): number {
  const sum = (counts: Record<string, number>) =>
    Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    sum(platform.kubernetesFaults.all()) +
    sum(platform.secretsManagerFaults.all())
  );
}

function resetCounts() {
  platform.kubernetesFaults.resetCounts();
  platform.secretsManagerFaults.resetCounts();
}

/** Each round of checks reads the database's resource exactly once. */
const resourceReads = () =>
  platform.kubernetesFaults.count(
    `${platform.kubernetes.databaseResource.plural}.get`,
  );

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function provision(name: string): Promise<DatabaseRef> {
  const ref = { namespace: 'idp-dev', name };
  await platform.provision(ref);
  return ref;
}

const writeSecretState = async (service: StatusService, ref: DatabaseRef) =>
  (await service.status(ref)).roles.find(r => r.role === 'write')!
    .kubernetesSecret.state;

beforeAll(async () => {
  await platform.start();
});

afterAll(async () => {
  await Promise.all(clients.map(c => c.close()));
  await platform.stop();
});

afterEach(() => platform.clearFaults());

describe('StatusService in one process', () => {
  it('shares one upstream round among 200 requests arriving while it runs, with caching off', async () => {
    const ref = await provision('burst');
    const service = replica({ cacheTtlSeconds: 0 });
    await service.status(ref);
    // The round outlasts the arrivals, spread over 200 ms as HTTP requests are.
    platform.kubernetesFaults.set(
      `${platform.kubernetes.databaseResource.plural}.get`,
      { delayMs: 500 },
    );
    resetCounts();
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        sleep(i).then(() => service.status(ref)),
      ),
    );
    expect(resourceReads()).toBe(1);
    expect(new Set(statuses.map(s => s.checkedAt)).size).toBe(1);
    // Caching is off: a request after the round checks again.
    platform.clearFaults();
    await service.status(ref);
    expect(resourceReads()).toBe(2);
  });

  it('keeps statuses within its byte budget, dropping the least recently viewed', async () => {
    const [a, b] = [await provision('budget-a'), await provision('budget-b')];
    const bytes = Buffer.byteLength(
      JSON.stringify(await replica({ cacheTtlSeconds: 0 }).status(a)),
    );
    // Room for one status and a half.
    const service = replica({ cacheMaxMegabytes: (bytes * 1.5) / 1024 ** 2 });
    await service.status(a);
    await service.status(b);
    resetCounts();
    await service.status(b);
    expect(upstreamCalls()).toBe(0);
    await service.status(a);
    expect(resourceReads()).toBe(1);
  });

  it('shows a change made through it at once, even to readers of a check begun before', async () => {
    const ref = await provision('change-here');
    const service = replica();
    expect(await writeSecretState(service, ref)).toBe('ok');
    // A refresh whose round reads the secret before it is deleted.
    platform.secretsManagerFaults.set('GetSecretValue', { delayMs: 300 });
    resetCounts();
    const during = service.status(ref, { refresh: true });
    await sleep(100);
    platform.deleteKubernetesSecret(ref, 'write');
    await service.forget(ref);
    const after = service.status(ref);
    const states = (await Promise.all([during, after])).map(
      s => s.roles.find(r => r.role === 'write')!.kubernetesSecret.state,
    );
    expect(states).toEqual(['error', 'error']);
    // The stale round, and one more that both readers shared.
    expect(resourceReads()).toBe(2);
  });
});

describe("StatusService replicas sharing Backstage's memory cache", () => {
  it('serves a status one replica checked from the shared cache on the other', async () => {
    const ref = await provision('shared');
    const shared = await backstageCache();
    const [one, two] = [replica({ shared }), replica({ shared })];
    const first = await one.status(ref);
    resetCounts();
    expect(await two.status(ref)).toEqual(first);
    expect(upstreamCalls()).toBe(0);
    // A refresh is a new round wherever it is asked for.
    await two.status(ref, { refresh: true });
    expect(resourceReads()).toBe(1);
  });

  it('shows a change made through one replica on the other at once', async () => {
    const ref = await provision('change-there');
    const shared = await backstageCache();
    const [one, two] = [replica({ shared }), replica({ shared })];
    expect(await writeSecretState(two, ref)).toBe('ok');
    expect(await writeSecretState(one, ref)).toBe('ok');
    platform.deleteKubernetesSecret(ref, 'write');
    // Outside the plugin: the cached status stands until the TTL.
    expect(await writeSecretState(two, ref)).toBe('ok');
    await one.forget(ref);
    expect(await writeSecretState(two, ref)).toBe('error');
    resetCounts();
    expect(await writeSecretState(one, ref)).toBe('error');
    expect(upstreamCalls()).toBe(0);
  });

  it('does not share a check that began before a change on another replica', async () => {
    const ref = await provision('change-race');
    const shared = await backstageCache();
    const [one, two] = [replica({ shared }), replica({ shared })];
    platform.secretsManagerFaults.set('GetSecretValue', { delayMs: 300 });
    const during = two.status(ref);
    await sleep(100);
    platform.deleteKubernetesSecret(ref, 'write');
    await one.forget(ref);
    platform.clearFaults();
    // The reader who asked before the change may get the old round; the
    // round ended after the change, so its reader checks again.
    expect(
      (await during).roles.find(r => r.role === 'write')!.kubernetesSecret
        .state,
    ).toBe('error');
    resetCounts();
    expect(await writeSecretState(one, ref)).toBe('error');
    expect(upstreamCalls()).toBe(0);
  });
});

/** The redis-server binary on PATH, if any. */
function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], {
    encoding: 'utf8',
  });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

async function startRedis(binary: string) {
  const port = await freePort();
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', ''],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  const deadline = Date.now() + 10_000;
  while (!output.includes('Ready to accept connections')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start: ${output}`);
    }
    await sleep(50);
  }
  return { port, child };
}

/** Sends one command in RESP, as redis-cli would, and returns the reply line. */
function redisCommand(port: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', reply => {
      socket.end();
      resolve(reply.toString().trim());
    });
    socket.write(
      `*${args.length}\r\n${args
        .map(a => `$${Buffer.byteLength(a)}\r\n${a}\r\n`)
        .join('')}`,
    );
  });
}

/**
 * A replica in a process of its own (`__testUtils__/redisReplica.ts`), with
 * its own connection to redis, as separate pods have.
 */
class ReplicaProcess {
  readonly warnings: Array<{ message: string; meta?: unknown }> = [];
  private readonly child: ChildProcess;
  private readonly pending = new Map<
    number,
    { resolve: (v: any) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;
  private readonly ready: Promise<void>;

  constructor(redisPort: number) {
    const base = platform.config({ cacheTtlSeconds: 60 });
    this.child = fork(require.resolve('./__testUtils__/redisReplica.ts'), {
      execArgv: [
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
      env: {
        ...process.env,
        IDP_TEST_REPLICA: JSON.stringify({
          config: base,
          redisUrl: `redis://127.0.0.1:${redisPort}`,
        }),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', code =>
        reject(new Error(`replica process exited with ${code}`)),
      );
      this.child.on('message', (message: ReplicaMessage) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'warn') {
          this.warnings.push({ message: message.message, meta: message.meta });
        }
        // Backstage's source transform also talks on this channel.
        if (message.type === 'answer') {
          const waiting = this.pending.get(message.id);
          this.pending.delete(message.id);
          if (message.error) waiting?.reject(new Error(message.error));
          else waiting?.resolve(message.value);
        }
      });
    });
  }

  started(): Promise<void> {
    return this.ready;
  }

  private async call(op: 'status' | 'forget', ref: DatabaseRef) {
    await this.ready;
    const id = ++this.nextId;
    return new Promise<any>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, op, ref });
    });
  }

  status(ref: DatabaseRef): Promise<DatabaseStatus> {
    return this.call('status', ref);
  }

  forget(ref: DatabaseRef): Promise<void> {
    return this.call('forget', ref);
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise(resolve => {
      this.child.once('exit', () => resolve());
      this.child.send({ id: 0, op: 'exit' });
    });
  }
}

const redisServer = findRedisServer();

(redisServer ? describe : describe.skip)(
  `StatusService replicas in two processes sharing a real redis-server${
    redisServer ? '' : ' (skipped: redis-server is not installed)'
  }`,
  () => {
    let redis: { port: number; child: ChildProcess };
    let one: ReplicaProcess;
    let two: ReplicaProcess;
    const writeState = async (r: ReplicaProcess, ref: DatabaseRef) =>
      (await r.status(ref)).roles.find(x => x.role === 'write')!
        .kubernetesSecret.state;

    // A replica process loads the plugin from source, which takes seconds
    // on a busy machine: both start at once, before the tests.
    beforeAll(async () => {
      redis = await startRedis(redisServer!);
      one = new ReplicaProcess(redis.port);
      two = new ReplicaProcess(redis.port);
      await Promise.all([one.started(), two.started()]);
    }, 120_000);

    afterAll(async () => {
      // The replicas first: their redis client dies with the server otherwise.
      await Promise.all([one?.stop(), two?.stop()]);
      redis?.child.kill('SIGTERM');
    });

    it('serves what one replica checked on the other, and a change through one on both', async () => {
      const ref = await provision('redis');
      expect(await writeState(one, ref)).toBe('ok');
      resetCounts();
      expect(await writeState(two, ref)).toBe('ok');
      expect(upstreamCalls()).toBe(0);

      platform.deleteKubernetesSecret(ref, 'write');
      await one.forget(ref);
      expect(await writeState(two, ref)).toBe('error');
      resetCounts();
      expect(await writeState(one, ref)).toBe('error');
      expect(upstreamCalls()).toBe(0);
    });

    it('checks upstream, and warns once, while redis does not answer', async () => {
      const ref = await provision('redis-paused');
      await one.status(ref);
      // Redis holds every command for 8 s, as a stalled server does.
      expect(
        await redisCommand(redis.port, 'CLIENT', 'PAUSE', '8000', 'ALL'),
      ).toBe('+OK');
      resetCounts();
      const started = Date.now();
      await one.status(ref);
      await one.status(ref);
      // One wait for the cache's answer (2 s), then it is left alone for a
      // while: not a wait per status and per operation.
      expect(Date.now() - started).toBeLessThan(5000);
      expect(resourceReads()).toBe(2);
      expect(one.warnings).toEqual([
        {
          message:
            'The shared status cache failed; statuses are checked upstream meanwhile',
          meta: expect.objectContaining({ operation: 'read' }),
        },
      ]);
    });
  },
);
