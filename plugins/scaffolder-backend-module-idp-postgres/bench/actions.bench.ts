import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConfigReader } from '@backstage/config';
import { stringify } from 'yaml';
import {
  applicationYaml,
  resourceYaml,
} from '../src/__testUtils__/definitions';
import {
  createWorkspace,
  removeWorkspaces,
  runAction,
} from '../src/__testUtils__/workspace';
import { createConnectAppAction } from '../src/actions/connectApp/connectApp';
import { createCreateDatabaseAction } from '../src/actions/createDatabase/createDatabase';
import { BenchRow, writeBenchRows } from './benchRows';
import { startPlatformResponder } from './platformResponder';

/**
 * The two actions a team runs most, on an apps repo checkout whose
 * namespace has many folders against one with a single folder: a template
 * fetches the whole namespace folder, so the actions' cost must not grow
 * with it. IDP_BENCH_FOLDERS sets the size.
 */

const FOLDERS = Number(process.env.IDP_BENCH_FOLDERS ?? 500);
if (!Number.isInteger(FOLDERS) || FOLDERS < 2) {
  throw new Error(`IDP_BENCH_FOLDERS must be an integer of 2 or more`);
}
/** Runs per workspace: connect-app is quick and noisy, create-database at 500 folders is not. */
const CONNECT_RUNS = 31;
const CREATE_RUNS = 7;
const NAMESPACE = 'idp-dev';
const APP_VALUES = `${NAMESPACE}/my-app/values.yaml`;

const appValues = stringify({
  image: { repository: 'my-app', tag: '1.2.3' },
  env: [{ name: 'LOG_LEVEL', value: 'info' }],
  replicas: 2,
});

/**
 * A namespace folder of the apps repo with `folders` folders: the app that
 * connects, and database definitions of the chart as the create template
 * writes them.
 */
function appsRepoCheckout(folders: number): string {
  const files: Record<string, string> = { [APP_VALUES]: appValues };
  for (let i = 1; i < folders; i++) {
    const name = `db-${String(i).padStart(4, '0')}`;
    const folder = `${NAMESPACE}/${name}`;
    files[`${folder}/values.yaml`] = stringify({
      postgresqlDatabases: [{ name, deletionProtection: false }],
    });
    files[`${folder}/application.yaml`] = applicationYaml('0.5.0', { name });
    files[`${folder}/catalog-info.yaml`] = resourceYaml(NAMESPACE, name);
  }
  return createWorkspace(files);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median milliseconds of `runs` runs in each workspace, after one to warm
 * up. Runs alternate between the workspaces, in turn first, so both see the
 * same warm code and the same load on the machine; `reset` runs untimed
 * after each.
 */
async function medianRuns(
  runs: number,
  workspaces: string[],
  run: (workspace: string, i: number) => Promise<void>,
  reset: (workspace: string, i: number) => void,
): Promise<number[]> {
  const times = workspaces.map((): number[] => []);
  for (let i = 0; i <= runs; i++) {
    const order = [...workspaces.keys()];
    if (i % 2 === 1) order.reverse();
    for (const w of order) {
      const workspace = workspaces[w];
      const started = performance.now();
      await run(workspace, i);
      if (i > 0) times[w].push(performance.now() - started);
      reset(workspace, i);
    }
  }
  return times.map(median);
}

const rows: BenchRow[] = [];
let complete = false;

describe(`scaffolder actions benchmark (${FOLDERS} namespace folders)`, () => {
  jest.setTimeout(10 * 60_000);

  afterAll(() => {
    removeWorkspaces();
    writeBenchRows(
      'scaffolder',
      { folders: FOLDERS, connectRuns: CONNECT_RUNS, createRuns: CREATE_RUNS },
      rows,
      complete,
    );
  });

  // A benchmark records figures; goals are judged in the table, not asserted.
  // eslint-disable-next-line jest/expect-expect
  it('measures', async () => {
    const platform = await startPlatformResponder();
    try {
      const options = {
        config: new ConfigReader({}),
        platform: platform.client,
      };
      const create = createCreateDatabaseAction(options);
      const connect = createConnectAppAction(options);

      const workspaces = [appsRepoCheckout(FOLDERS), appsRepoCheckout(1)];
      const connectMs = await medianRuns(
        CONNECT_RUNS,
        workspaces,
        async workspace => {
          const out = await runAction(connect, workspace, {
            valuesPath: APP_VALUES,
            namespace: NAMESPACE,
            database: 'db-0001',
          });
          if (!out.changed) throw new Error('connect-app changed nothing');
        },
        // Connecting again would change nothing; start from the app's values.
        workspace =>
          fs.writeFileSync(path.join(workspace, APP_VALUES), appValues),
      );
      const createMs = await medianRuns(
        CREATE_RUNS,
        workspaces,
        async (workspace, i) => {
          const out = await runAction(create, workspace, {
            namespace: NAMESPACE,
            name: `bench-new-${i}`,
            slackChannel: 'team-a',
            owner: 'group:default/team-a',
          });
          if (out.filesWritten.length !== 3) {
            throw new Error('create-database wrote no definition');
          }
        },
        // Each run adds a database of its own; the next starts without it.
        (workspace, i) =>
          fs.rmSync(path.join(workspace, NAMESPACE, `bench-new-${i}`), {
            recursive: true,
          }),
      );
      const asked = platform.requests();
      // Every run asked the platform, in both workspaces.
      if (asked !== (CONNECT_RUNS + 1 + CREATE_RUNS + 1) * 2) {
        throw new Error(`the actions asked the platform ${asked} times`);
      }
      for (const [action, runs, [large, small]] of [
        ['idp:postgres:create-database', CREATE_RUNS, createMs],
        ['idp:postgres:connect-app', CONNECT_RUNS, connectMs],
      ] as const) {
        const ratio = large / small;
        rows.push({
          figure: `${action} on an apps repo of ${FOLDERS} namespace folders vs 1 (median of ${runs})`,
          measured: `${large.toFixed(1)} ms vs ${small.toFixed(
            1,
          )} ms (${ratio.toFixed(1)}×)`,
          goal: '≤ 1.5×',
          met: ratio <= 1.5,
        });
      }
      complete = true;
    } finally {
      await platform.close();
    }
  });
});
