import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { BackendProcess } from './backendProcess';
import { mb, runOptions, sleep } from './figures';
import type { LoadResult } from './loadClients';
import { Platform } from './platform';
import { PORTS } from './ports';

/*
 * 100 concurrent clients, in a process of their own, on the status and list
 * routes of one dev backend against the sandbox. Caching is off unless
 * `--cache-ttl=N`, so every burst of identical statuses costs an upstream
 * round (shared by the requests in flight) and the PostgreSQL connection
 * cap is what holds the logins back; the inventory refreshes meanwhile,
 * through the same cap.
 */

const { durationS } = runOptions({ durationS: 30, shortS: 5 });
/** `--cache-ttl=N` runs with the status cache on; off by default, the worst case upstream. */
const CACHE_TTL_S = Number(
  process.argv.find(a => a.startsWith('--cache-ttl='))?.split('=')[1] ?? 0,
);
const CLIENTS = 100;
/** Below the default of 10, so the cap is reached and has to hold. */
const MAX_POSTGRES_CONNECTIONS = 4;
/** Resident memory may grow this much under the load before it counts as a leak. */
const RSS_GROWTH_LIMIT = 1.5;

const PATHS = [
  '/databases/demo-dev/orders',
  '/databases/demo-dev/inventory',
  '/databases/demo-dev/analytics',
  '/databases/demo-prod/billing',
  '/databases/demo-prod/reports',
  '/databases/demo-prod/payments',
  '/databases?namespace=demo-dev',
  '/databases?namespace=demo-prod',
];

let platform: Platform;
let backend: BackendProcess;

/** Runs the clients in their own process and returns what they measured. */
async function runClients(seconds: number): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      require.resolve('./loadClients.ts'),
    ],
    {
      env: {
        ...process.env,
        LOAD_TESTS_API_TOKEN: backend.token,
        LOAD_CLIENTS: JSON.stringify({
          baseUrl: `${backend.url}/api/idp-postgres`,
          clients: CLIENTS,
          durationMs: seconds * 1000,
          paths: PATHS,
        }),
      },
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

before(
  async () => {
    platform = await Platform.start();
    backend = new BackendProcess({
      name: 'load',
      port: PORTS.backends[0],
      platform,
      idpPostgres: {
        cacheTtlSeconds: CACHE_TTL_S,
        maxPostgresConnections: MAX_POSTGRES_CONNECTIONS,
        inventory: { refreshIntervalSeconds: 5 },
      },
    });
    await backend.start();
    // The list answers 503 until the first inventory is in.
    const deadline = Date.now() + 120_000;
    while (
      backend.logEntries('Refreshed the PostgreSQL inventory').length === 0
    ) {
      assert.ok(Date.now() < deadline, 'no inventory within 2 minutes');
      await sleep(200);
    }
  },
  { timeout: 300_000 },
);

after(async () => {
  await backend?.stop();
  await platform?.stop();
});

test(
  `${CLIENTS} clients for ${durationS} s: no errors, connections within the cap, memory flat`,
  { timeout: (durationS + 120) * 1000 },
  async () => {
    // Warm up: code paths loaded, keep-alive connections made.
    const warm = await runClients(Math.min(3, durationS));
    assert.equal(warm.errors, 0, JSON.stringify(warm.failures));
    await sleep(1000);
    const rssBefore = backend.rssBytes();
    platform.sandbox.proxy.resetConnectionCounts();
    platform.calls.reset();
    const stopSampling = await platform.sampleRoleSessions(10);
    // The trend matters more than two points: a leak keeps climbing.
    const rssSeries: number[] = [];
    const rssTimer = setInterval(
      () => rssSeries.push(backend.rssBytes()),
      Math.max(1000, (durationS * 1000) / 6),
    );

    const result = await runClients(durationS);
    clearInterval(rssTimer);

    const maxSessions = await stopSampling();
    const connections = platform.pluginConnections();
    await sleep(2000);
    const rssAfter = backend.rssBytes();
    const upstream = platform.calls.total();
    process.stdout.write(
      [
        `# ${CLIENTS} clients, cacheTtlSeconds ${CACHE_TTL_S}, ${result.seconds.toFixed(
          1,
        )} s, ${result.requests} requests: ${(
          result.requests / result.seconds
        ).toFixed(0)} requests/s, p50 ${result.p50Ms.toFixed(
          0,
        )} ms, p95 ${result.p95Ms.toFixed(0)} ms, max ${result.maxMs.toFixed(
          0,
        )} ms, errors ${result.errors}`,
        `# PostgreSQL connections of the plugin (cap ${MAX_POSTGRES_CONNECTIONS}): at most ${maxSessions} sessions at once in pg_stat_activity (sampled every 10 ms); ${connections.accepted} opened through the proxy, which counted at most ${connections.maxOpen} open (until their sockets closed here)`,
        `# upstream calls to the emulators: ${upstream} (${(
          upstream / result.requests
        ).toFixed(2)} per request)`,
        `# backend RSS: ${mb(rssBefore)} before, ${mb(
          rssAfter,
        )} after (during: ${rssSeries.map(mb).join(', ')})`,
        '',
      ].join('\n'),
    );

    assert.equal(result.errors, 0, JSON.stringify(result.failures));
    assert.ok(result.requests > CLIENTS, 'the clients made few requests');
    // The proxy counts a connection until its socket closes in this busy
    // process, a little after the plugin has let go of it; PostgreSQL's own
    // count is the one held to the cap.
    assert.ok(connections.accepted > 0, 'no PostgreSQL connection was made');
    assert.ok(
      maxSessions <= MAX_POSTGRES_CONNECTIONS,
      `${maxSessions} sessions at once`,
    );
    assert.ok(
      rssAfter <= rssBefore * RSS_GROWTH_LIMIT,
      `RSS grew from ${mb(rssBefore)} to ${mb(rssAfter)}`,
    );
  },
);
