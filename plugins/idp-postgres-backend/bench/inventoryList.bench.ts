import { performance } from 'node:perf_hooks';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CHART_NAME,
  DatabaseRef,
  databaseEntity,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import pLimit from 'p-limit';
import request from 'supertest';
import { stringify } from 'yaml';
import { SandboxPlatform } from '../src/__testUtils__/sandboxPlatform';

/**
 * The list of a large namespace, read from the platform inventory: upstream
 * calls per view, latency against a small namespace, and concurrent views.
 * Prints one table; run with `yarn bench` (IDP_BENCH_DATABASES sets the size).
 */

const LARGE = Number(process.env.IDP_BENCH_DATABASES ?? 500);
const SMALL = 5;
const VIEWS = 20;
const CONCURRENT = 5;

const platform = new SandboxPlatform();
const rows: string[][] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function provisionAll(namespace: string, count: number) {
  const refs: DatabaseRef[] = Array.from({ length: count }, (_, i) => ({
    namespace,
    name: `db-${String(i).padStart(4, '0')}`,
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

describe(`inventory list benchmark (${LARGE} databases)`, () => {
  jest.setTimeout(30 * 60_000);

  afterAll(async () => {
    await platform.stop();
    const widths = [0, 1, 2].map(c => Math.max(...rows.map(r => r[c].length)));
    const line = (r: string[]) =>
      `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
    process.stdout.write(
      `\n${[
        line(rows[0]),
        `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
        ...rows.slice(1).map(line),
      ].join('\n')}\n\n`,
    );
  });

  it('measures', async () => {
    rows.push(['figure', 'measured', 'goal']);
    await platform.start();
    let started = performance.now();
    await provisionAll('idp-list', LARGE);
    await provisionAll('idp-dev', SMALL);
    rows.push([
      `provisioning ${LARGE + SMALL} databases in the sandbox`,
      ms(performance.now() - started),
      '(set-up)',
    ]);

    resetCalls();
    started = performance.now();
    const backend = await platform.startBackend({
      config: platform.config({ timeoutMs: 10_000 }),
    });
    rows.push([
      `first inventory refresh, ${LARGE + SMALL} databases`,
      ms(performance.now() - started),
      'in the background',
    ]);
    const refresh = upstreamCalls();
    rows.push([
      'upstream calls of that refresh',
      `${refresh.kubernetes} Kubernetes, ${refresh.secretsManager} Secrets Manager, ${refresh.postgres} PostgreSQL connections`,
      'per refresh, not per view',
    ]);

    const view = async (namespace: string) => {
      const begin = performance.now();
      const res = await request(backend.server)
        .get(`/api/idp-postgres/databases?namespace=${namespace}`)
        .set('Authorization', mockCredentials.user.header());
      if (res.status !== 200) throw new Error(`list answered ${res.status}`);
      return { ms: performance.now() - begin, items: res.body.items.length };
    };

    for (const [namespace, size] of [
      ['idp-list', LARGE],
      ['idp-dev', SMALL],
    ] as const) {
      await view(namespace); // warm up
      resetCalls();
      const times: number[] = [];
      for (let i = 0; i < VIEWS; i++) {
        const { ms: took, items } = await view(namespace);
        if (items !== size) throw new Error(`listed ${items} of ${size}`);
        times.push(took);
      }
      rows.push([
        `list of ${size}: upstream calls per view`,
        String(upstreamCalls().total / VIEWS),
        '0',
      ]);
      rows.push([
        `list of ${size}: median of ${VIEWS} views`,
        ms(median(times)),
        '',
      ]);
    }
    const large = rows.find(
      r => r[0] === `list of ${LARGE}: median of ${VIEWS} views`,
    )!;
    const small = rows.find(
      r => r[0] === `list of ${SMALL}: median of ${VIEWS} views`,
    )!;
    const ratio = parseFloat(large[1]) / parseFloat(small[1]);
    rows.push([
      `list of ${LARGE} vs ${SMALL}: latency ratio`,
      `${ratio.toFixed(1)}×`,
      '≤ 2× (payload grows with N)',
    ]);

    const singles: number[] = [];
    for (let i = 0; i < 5; i++) singles.push((await view('idp-list')).ms);
    const single = median(singles);
    const concurrent = await Promise.all(
      Array.from({ length: CONCURRENT }, () => view('idp-list')),
    );
    const worst = Math.max(...concurrent.map(c => c.ms));
    rows.push([
      `${CONCURRENT} concurrent views of ${LARGE}: slowest`,
      `${ms(worst)} (${(worst / single).toFixed(1)}× one view)`,
      '≤ 2× one view',
    ]);
  });
});
