import { SecretsManagerEmulator } from '@jppol-idp/idp-sandbox';
import type { ClusterConfig } from '../src/config/pluginConfig';
import { SecretsManagerGateway } from '../src/secretsManager/SecretsManagerGateway';
import { BenchRows, envNumber, ms, timed } from './benchRows';

/**
 * Secrets Manager reads right after the inventory's listing was throttled.
 * The SDK's adaptive retry lowers a client's sending rate after a throttled
 * call; the gateway lists through a client of its own, so the statuses'
 * reads keep their pace. Measured against the same gateway with one client
 * for both, as it was before. Writes its rows for the root `yarn bench`.
 */

/** DescribeSecret calls timed after the throttled listing. */
const READS = envNumber('IDP_BENCH_READS', 20);
const SECRET = 'customer/idp-dev/idp-dev-bench-read';

const emulator = new SecretsManagerEmulator();
const rows = new BenchRows('throttling', { reads: READS });

function gateway(shareOneClient: boolean): SecretsManagerGateway {
  const cluster = {
    name: 'bench',
    secretsManager: {
      region: 'eu-west-1',
      endpoint: emulator.url,
      namePattern: 'customer/{namespace}/{namespace}-{database}-{role}',
    },
  } as ClusterConfig;
  const created = new SecretsManagerGateway(cluster, 30_000, async () => ({
    accessKeyId: 'bench',
    secretAccessKey: 'bench',
  }));
  if (shareOneClient) {
    // The layout before: the listing's client is the reads' client.
    const internals = created as unknown as Record<string, unknown>;
    internals.listClient = internals.client;
  }
  return created;
}

/** Milliseconds for READS reads, after a throttled listing when `throttle`. */
async function readsAfter(shareOneClient: boolean, throttle: boolean) {
  const g = gateway(shareOneClient);
  try {
    if (throttle) {
      emulator.faults.set('ListSecrets', { status: 429 });
      await g.listByPrefix('customer/idp-dev/').catch(() => {});
      emulator.faults.clear();
    }
    const { ms: took } = await timed(async () => {
      for (let i = 0; i < READS; i += 1) await g.describe(SECRET);
    });
    return took;
  } finally {
    g.destroy();
  }
}

describe('Secrets Manager reads after a throttled listing', () => {
  beforeAll(async () => {
    await emulator.start();
    emulator.store.add(SECRET, {});
  });

  afterAll(async () => {
    rows.write();
    await emulator.stop();
  });

  // A benchmark records figures; goals are judged in the table, not asserted.
  // eslint-disable-next-line jest/expect-expect
  it('measures', async () => {
    const figure = `${READS} secret reads after a throttled ListSecrets`;
    await rows.attempt(figure, '≤ 2× unthrottled', async () => {
      const unthrottled = await readsAfter(false, false);
      const separate = await readsAfter(false, true);
      const shared = await readsAfter(true, true);
      rows.add({
        figure: `${READS} secret reads, no throttling`,
        measured: ms(unthrottled),
        goal: 'baseline',
      });
      rows.add({
        figure,
        measured: `${ms(separate)} (${(separate / unthrottled).toFixed(
          1,
        )}×); one shared client: ${ms(shared)} (${(
          shared / unthrottled
        ).toFixed(1)}×)`,
        goal: '≤ 2× unthrottled',
        met: separate <= 2 * unthrottled,
      });
    });
    rows.finish();
  }, 120_000);
});
