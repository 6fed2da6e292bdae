import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CHART_NAME,
  DatabaseRef,
  DatabaseStatus,
  databaseEntity,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import pLimit from 'p-limit';
import request from 'supertest';
import { stringify } from 'yaml';
import { SandboxPlatform } from '../src/__testUtils__/sandboxPlatform';
import {
  BenchRows,
  envNumber,
  median,
  ms,
  timed,
  waitUntil,
} from './benchRows';
import { ConnectionGauge } from './ConnectionGauge';

/**
 * A large namespace: the list read from the platform inventory (upstream
 * calls per view, latency against a small namespace, concurrent views),
 * PostgreSQL connections during a burst of statuses over many databases,
 * and the checks the scaffolder actions ask. Writes its rows for the root
 * `yarn bench`; IDP_BENCH_DATABASES sets the size.
 */

const LARGE = envNumber('IDP_BENCH_DATABASES', 500);
const SMALL = 5;
const VIEWS = 20;
const CONCURRENT = 5;
/** Distinct databases whose statuses are asked for at once. */
const BURST_DATABASES = Math.min(
  LARGE,
  envNumber('IDP_BENCH_BURST_DATABASES', 100),
);
/** The plugin's cap on PostgreSQL connections in this benchmark (its default). */
const MAX_CONNECTIONS = 10;

const platform = new SandboxPlatform();
const rows = new BenchRows('inventory', {
  databases: LARGE,
  burstDatabases: BURST_DATABASES,
  maxPostgresConnections: MAX_CONNECTIONS,
});

type Server = Parameters<typeof request>[0];

let gauge: ConnectionGauge | undefined;

/**
 * The plugin's config for the sandbox, reaching PostgreSQL through the
 * gauge. Timeouts are long: a burst queues hundreds of TLS logins behind
 * the cap, and on a loaded machine the last would otherwise give up.
 */
function benchConfig(postgresPort: number): object {
  const config = platform.config({ timeoutMs: 30_000 }) as {
    idpPostgres: { clusters: Array<{ postgres: object }> };
  };
  const [cluster] = config.idpPostgres.clusters;
  return {
    idpPostgres: {
      ...config.idpPostgres,
      clusters: [
        { ...cluster, postgres: { ...cluster.postgres, port: postgresPort } },
      ],
      maxPostgresConnections: MAX_CONNECTIONS,
    },
  };
}

const databaseName = (i: number) => `db-${String(i).padStart(4, '0')}`;

async function provisionAll(namespace: string, count: number) {
  const refs: DatabaseRef[] = Array.from({ length: count }, (_, i) => ({
    namespace,
    name: databaseName(i),
  }));
  const limit = pLimit(4);
  await Promise.all(refs.map(ref => limit(() => platform.provision(ref))));
  const files: Record<string, string> = {};
  for (const ref of refs) {
    const folder = `${ref.namespace}/${ref.name}`;
    files[`${folder}/application.yaml`] = stringify({
      helm: { chart: CHART_NAME, chartVersion: '0.5.0' },
    });
    files[`${folder}/values.yaml`] = stringify({
      postgresqlDatabases: [{ name: ref.name, deletionProtection: false }],
    });
    files[`${folder}/catalog-info.yaml`] = stringify(
      databaseEntity(ref, { owner: 'group:default/bench', description: 'x' }),
    );
  }
  await platform.appsRepo.commit(files, `Define ${count} in ${namespace}`);
}

/** Kubernetes requests, Secrets Manager requests and PostgreSQL connections. */
function upstreamCalls() {
  const count = (all: Record<string, number>) =>
    Object.values(all).reduce((sum, n) => sum + n, 0);
  const kubernetes = count(platform.kubernetesFaults.all());
  const secretsManager = count(platform.secretsManagerFaults.all());
  const postgres = platform.postgresFaults.count('connect');
  return {
    kubernetes,
    secretsManager,
    postgres,
    total: kubernetes + secretsManager + postgres,
  };
}

function resetCalls() {
  platform.kubernetesFaults.resetCounts();
  platform.secretsManagerFaults.resetCounts();
  platform.postgresFaults.resetCounts();
}

async function get(server: Server, path: string) {
  const res = await request(server)
    .get(`/api/idp-postgres${path}`)
    .set('Authorization', mockCredentials.user.header());
  if (res.status !== 200) {
    throw new Error(`GET ${path} answered ${res.status}: ${res.text}`);
  }
  return res.body;
}

/** The list views of the large and the small namespace. */
async function measureList(server: Server) {
  const view = async (namespace: string, size: number) => {
    const { ms: took, result } = await timed(() =>
      get(server, `/databases?namespace=${namespace}`),
    );
    if (result.items.length !== size) {
      throw new Error(`listed ${result.items.length} of ${size}`);
    }
    return took;
  };
  await view('idp-list', LARGE); // warm up
  await view('idp-dev', SMALL);
  resetCalls();
  // Alternating, so both sizes see the same load on the machine.
  const largeTimes: number[] = [];
  const smallTimes: number[] = [];
  for (let i = 0; i < VIEWS; i++) {
    largeTimes.push(await view('idp-list', LARGE));
    smallTimes.push(await view('idp-dev', SMALL));
  }
  const calls = upstreamCalls().total;
  rows.add({
    figure: `list of ${LARGE} databases: upstream calls per view after the inventory's refresh`,
    measured: `${
      calls / (2 * VIEWS)
    } (${calls} in ${VIEWS} views of ${LARGE} and ${VIEWS} of ${SMALL})`,
    goal: '0',
    met: calls === 0,
  });
  const [large, small] = [median(largeTimes), median(smallTimes)];
  const ratio = large / small;
  rows.add({
    figure: `list of ${LARGE} vs ${SMALL} databases: median latency of ${VIEWS} views`,
    measured: `${ms(large)} vs ${ms(small)} (${ratio.toFixed(1)}×)`,
    goal: '≤ 2×',
    met: ratio <= 2,
  });

  const singles: number[] = [];
  for (let i = 0; i < 5; i++) singles.push(await view('idp-list', LARGE));
  const single = median(singles);
  const concurrent = await Promise.all(
    Array.from({ length: CONCURRENT }, () => view('idp-list', LARGE)),
  );
  const worst = Math.max(...concurrent);
  rows.add({
    figure: `${CONCURRENT} concurrent list views of ${LARGE} databases: slowest vs one view`,
    measured: `${ms(worst)} vs ${ms(single)} (${(worst / single).toFixed(1)}×)`,
    goal: 'each ≤ 2× one view',
    met: worst <= 2 * single,
  });
}

/**
 * Statuses of many distinct databases at once: every one wants three
 * logins and a grant query, so the cap is what keeps PostgreSQL's
 * connections bounded. Counted between the plugin and the sandbox's proxy
 * (see ConnectionGauge), and by the proxy itself.
 */
async function measureConnectionBurst(server: Server, relay: ConnectionGauge) {
  // Pooled connections of the refresh close after 1 s idle.
  await waitUntil(
    () => platform.proxy.connections.open === 0,
    'idle PostgreSQL connections to close',
  );
  relay.reset();
  platform.proxy.resetConnectionCounts();
  const statuses = (await Promise.all(
    Array.from({ length: BURST_DATABASES }, (_, i) =>
      get(server, `/databases/idp-list/${databaseName(i)}?refresh=true`),
    ),
  )) as DatabaseStatus[];
  const failures = new Map<string, number>();
  for (const role of statuses.flatMap(s => s.roles)) {
    if (role.login.state !== 'ok') {
      const kind = role.login.failure ?? role.login.state;
      failures.set(kind, (failures.get(kind) ?? 0) + 1);
    }
  }
  const complete = statuses.filter(s =>
    s.roles.every(r => r.login.state === 'ok'),
  ).length;
  const failed = [...failures]
    .map(([kind, n]) => `${n} logins ${kind}`)
    .join(', ');
  rows.add({
    figure: `PostgreSQL connections during a burst of statuses over ${BURST_DATABASES} distinct databases`,
    measured: `at most ${relay.maxOpen} open, ${
      relay.accepted
    } opened (at the proxy, closes seen later: ${
      platform.proxy.connections.maxOpen
    }); ${complete} of ${BURST_DATABASES} statuses with every login ok${
      failed ? ` (${failed})` : ''
    }`,
    goal: `never above maxPostgresConnections (${MAX_CONNECTIONS})`,
    met: relay.maxOpen <= MAX_CONNECTIONS,
  });
}

/**
 * The platform's side of the scaffolder actions: the checks they ask
 * before writing, in the large namespace against the small one.
 */
async function measureChecks(server: Server) {
  const paths = (namespace: string) => [
    `/checks/new-database?namespace=${namespace}&name=bench-new`,
    `/checks/connect?namespace=${namespace}&name=${databaseName(0)}&role=write`,
  ];
  // [create, connect] × [large, small], timed in turn.
  const asked = [...paths('idp-list'), ...paths('idp-dev')];
  const times = asked.map((): number[] => []);
  for (let i = 0; i <= VIEWS; i++) {
    for (const [n, path] of asked.entries()) {
      const took = (await timed(() => get(server, path))).ms;
      if (i > 0) times[n].push(took);
    }
  }
  const [createLarge, connectLarge, createSmall, connectSmall] =
    times.map(median);
  const createRatio = createLarge / createSmall;
  const connectRatio = connectLarge / connectSmall;
  rows.add({
    figure: `the backend's checks for create-database / connect-app, namespace of ${LARGE} vs ${SMALL} databases`,
    measured: `${ms(createLarge)} vs ${ms(createSmall)} (${createRatio.toFixed(
      1,
    )}×) / ${ms(connectLarge)} vs ${ms(connectSmall)} (${connectRatio.toFixed(
      1,
    )}×)`,
    goal: '≤ 1.5×',
    met: Math.max(createRatio, connectRatio) <= 1.5,
  });
}

describe(`inventory benchmark (${LARGE} databases)`, () => {
  jest.setTimeout(30 * 60_000);

  afterAll(async () => {
    rows.write();
    await gauge?.stop();
    await platform.stop();
  });

  // A benchmark records figures; goals are judged in the table, not asserted.
  // eslint-disable-next-line jest/expect-expect
  it('measures', async () => {
    await platform.start();
    const provisioning = await timed(async () => {
      await provisionAll('idp-list', LARGE);
      await provisionAll('idp-dev', SMALL);
    });
    rows.add({
      figure: `set-up: provisioning ${LARGE + SMALL} databases in the sandbox`,
      measured: ms(provisioning.ms),
      goal: '',
    });

    const relay = new ConnectionGauge({
      host: '127.0.0.1',
      port: platform.proxy.port,
    });
    gauge = relay;
    await relay.start();
    resetCalls();
    const started = await timed(() =>
      platform.startBackend({ config: benchConfig(relay.port) }),
    );
    const { server } = started.result;
    const refresh = upstreamCalls();
    rows.add({
      figure: `set-up: first inventory refresh, ${LARGE + SMALL} databases`,
      measured: `${ms(started.ms)}; ${refresh.kubernetes} Kubernetes, ${
        refresh.secretsManager
      } Secrets Manager, ${refresh.postgres} PostgreSQL connections`,
      goal: 'in the background, per refresh',
    });

    await rows.attempt(
      `list of ${LARGE} databases`,
      '0 calls; ≤ 2×',
      async () => measureList(server),
    );
    await rows.attempt(
      `PostgreSQL connections during a burst over ${BURST_DATABASES} databases`,
      `never above ${MAX_CONNECTIONS}`,
      () => measureConnectionBurst(server, relay),
    );
    await rows.attempt(
      "the backend's checks for the scaffolder actions",
      '≤ 1.5×',
      () => measureChecks(server),
    );
    rows.finish();
  });
});
