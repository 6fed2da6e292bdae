import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SECRETS } from '@jppol-idp/idp-sandbox';
import { BackendProcess } from './backendProcess';
import { runOptions, sleep } from './figures';
import { Platform } from './platform';
import { PORTS } from './ports';
import { RedisServer, findRedisServer } from './redisServer';

/*
 * Two replicas of the dev backend sharing Backstage's database (on the
 * sandbox PostgreSQL) and cache (redis), against one sandbox. Checks that
 * the inventory refresh runs once per interval across both, that a status
 * checked by one is served by the other without upstream calls, and that a
 * restore through one shows through the other at once.
 */

const { short } = runOptions({ durationS: 60, shortS: 15 });
const INTERVAL_S = 5;
/** How long the refreshes are watched: a few intervals, more without --short. */
const WATCH_S = short ? 15 : 60;
const REFRESHED = 'Refreshed the PostgreSQL inventory';
/** Log lines are read every 0.1 s; their times are that uncertain, twice. */
const LOG_READ_SLACK_MS = 250;
const CHECKED = 'Checked database status';
const ORDERS = '/databases/demo-dev/orders';

const redisBinary = findRedisServer();
const skip = redisBinary
  ? false
  : 'redis-server is not installed (apt-get install -y redis-server)';

let platform: Platform;
let redis: RedisServer;
let replicas: BackendProcess[] = [];

interface Status {
  state: string;
  checkedAt: string;
  roles: Array<{ role: string; kubernetesSecret: { state: string } }>;
}

async function status(replica: BackendProcess, query = ''): Promise<Status> {
  const res = await replica.api(`${ORDERS}${query}`);
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

const readSecret = (s: Status) =>
  s.roles.find(r => r.role === 'read')!.kubernetesSecret.state;

/**
 * The refreshes both replicas logged, in order of their start: the end is
 * when the line was read (±0.1 s), the start that less the logged duration.
 */
function refreshes(): Array<{ start: number; end: number; replica: number }> {
  return replicas
    .flatMap((replica, i) =>
      replica.logEntries(REFRESHED).map(e => ({
        start: e.at - Number(e.entry.durationMs ?? 0),
        end: e.at,
        replica: i + 1,
      })),
    )
    .sort((a, b) => a.start - b.start);
}

/** Waits for a refresh to end, so the next interval is quiet upstream. */
async function afterNextRefresh(): Promise<void> {
  const seen = refreshes().length;
  const deadline = Date.now() + INTERVAL_S * 4_000;
  while (refreshes().length === seen) {
    assert.ok(Date.now() < deadline, 'no inventory refresh in four intervals');
    await sleep(100);
  }
}

before(
  async () => {
    if (skip) return;
    platform = await Platform.start();
    redis = await RedisServer.start(redisBinary!, PORTS.redis);
    replicas = PORTS.backends.map(
      (port, i) =>
        new BackendProcess({
          name: `replica-${i + 1}`,
          port,
          platform,
          redisPort: redis.port,
          idpPostgres: {
            inventory: { refreshIntervalSeconds: INTERVAL_S },
            // Long enough that only invalidation can explain a fresh status.
            cacheTtlSeconds: 300,
          },
        }),
    );
    // One after the other: on a fresh database, two replicas migrating the
    // plugin's tables at the same moment collide ("relation knex_migrations
    // already exists") and one replica's plugin fails to start. A later
    // start of that replica succeeds; this test is about what follows.
    for (const replica of replicas) await replica.start();
    process.stdout.write(
      `# backends ready in ${replicas
        .map(r => r.startMs)
        .join(' / ')} ms (node with Backstage's transform, no watch)\n`,
    );
  },
  { timeout: 300_000 },
);

after(async () => {
  await Promise.all(replicas.map(r => r.stop()));
  await redis?.stop();
  await platform?.stop();
});

test(
  'the inventory refreshes once per interval across both replicas',
  { skip, timeout: (WATCH_S + 60) * 1000 },
  async () => {
    const from = Date.now();
    await sleep(WATCH_S * 1000);
    const seen = refreshes().filter(r => r.start >= from);
    process.stdout.write(
      `# ${
        seen.length
      } refreshes in ${WATCH_S} s at a ${INTERVAL_S} s interval, by replicas ${seen
        .map(r => r.replica)
        .join(',')}\n`,
    );
    // Twice as many would mean each replica refreshes on its own.
    assert.ok(
      seen.length <= WATCH_S / INTERVAL_S + 1,
      `${seen.length} refreshes in ${WATCH_S} s`,
    );
    assert.ok(seen.length >= 2, `only ${seen.length} refreshes`);
    // The lock is held for a whole run: runs never overlap, whichever
    // replica has them. (Start to start may be shorter than the interval
    // when a run began late, so that is not the measure.)
    const all = refreshes();
    for (let i = 1; i < all.length; i++) {
      const [previous, next] = [all[i - 1], all[i]];
      assert.ok(
        next.start >= previous.end - LOG_READ_SLACK_MS,
        `a refresh by replica ${next.replica} began ${
          previous.end - next.start
        } ms before one by replica ${previous.replica} ended`,
      );
    }
  },
);

test(
  'a status checked through one replica is served by the other from the shared cache',
  { skip, timeout: 60_000 },
  async () => {
    const [one, two] = replicas;
    await afterNextRefresh();
    const checked = await status(one, '?refresh=true');
    const roundsOnTwo = two.logEntries(CHECKED).length;
    platform.calls.reset();
    const served = await status(two);
    assert.equal(served.checkedAt, checked.checkedAt);
    assert.deepEqual(platform.calls.all(), {});
    assert.equal(two.logEntries(CHECKED).length, roundsOnTwo);
  },
);

test(
  'a restore through one replica shows as restored through the other at once',
  { skip, timeout: 60_000 },
  async () => {
    const [one, two] = replicas;
    // A pass now, so the reconciler's next resync (30 s) does not bring the
    // secret back during the test.
    await platform.sandbox.reconciler.reconcile();
    await afterNextRefresh();
    platform.sandbox.kubernetes.store.delete(
      SECRETS,
      'demo-dev',
      'demo-dev-orders-read',
    );
    const missing = await status(two, '?refresh=true');
    assert.equal(readSecret(missing), 'error');
    // Replica 1 serves the same, from the shared cache.
    assert.equal((await status(one)).checkedAt, missing.checkedAt);

    const restore = await one.api(`${ORDERS}/restore`, {
      method: 'POST',
      body: '{}',
    });
    assert.equal(restore.status, 200, await restore.clone().text());
    const { items } = (await restore.json()) as {
      items: Array<{ role: string; outcome: string }>;
    };
    assert.equal(items.find(i => i.role === 'read')?.outcome, 'done');

    const restored = await status(two);
    const seen = JSON.stringify({
      state: restored.state,
      checkedAt: restored.checkedAt,
      before: missing.checkedAt,
    });
    assert.equal(readSecret(restored), 'ok', seen);
    assert.equal(restored.state, 'ok', seen);
  },
);
