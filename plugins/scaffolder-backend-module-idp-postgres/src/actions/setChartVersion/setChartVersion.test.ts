import { ConfigReader } from '@backstage/config';
import { parse } from 'yaml';
import {
  createWorkspace,
  exampleInput,
  readWorkspaceFile,
  removeWorkspaces,
  runAction,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { createSetChartVersionAction } from './setChartVersion';
import { examples } from './setChartVersion.examples';

const action = createSetChartVersionAction({ config: new ConfigReader({}) });

const application = (version: string) =>
  `apiVersion: v2\nname: my-db\ndescription: my-db\nversion: 0.1.0\nslackChannel: team\nhelm:\n  chart: helm/idp-postgresql\n  chartVersion: "${version}" # bumped by renovate\n`;

const folder = (version: string, values: string) => ({
  'idp-dev/my-db/application.yaml': application(version),
  'idp-dev/my-db/values.yaml': values,
});

const values05 = [
  'postgresqlDatabases:',
  '  # orders',
  '  - name: my-db',
  '    deletionProtection: true # prod data',
  '  - name: scratch',
  '    deletionProtection: false',
  'labels:',
  '  team: a',
  '',
].join('\n');

afterAll(removeWorkspaces);

describe('idp:postgres:set-chart-version', () => {
  it('translates deletionProtection to mode on 1.0, keeping comments and other keys', async () => {
    const ws = createWorkspace(folder('0.5.0', values05));
    const out = await runAction(action, ws, {
      targetPath: 'idp-dev/my-db',
      chartVersion: '1.0.4',
    });
    expect(readWorkspaceFile(ws, 'idp-dev/my-db/values.yaml')).toBe(
      [
        'postgresqlDatabases:',
        '  # orders',
        '  - name: my-db',
        '    mode: protected',
        '  - name: scratch',
        '    mode: standard',
        'labels:',
        '  team: a',
        '',
      ].join('\n'),
    );
    expect(readWorkspaceFile(ws, 'idp-dev/my-db/application.yaml')).toBe(
      application('1.0.4'),
    );
    expect(out).toMatchObject({
      previousChartVersion: '0.5.0',
      chartVersion: '1.0.4',
      changed: true,
      filesWritten: [
        'idp-dev/my-db/values.yaml',
        'idp-dev/my-db/application.yaml',
      ],
    });
    expect(out.diff).toContain('+    mode: protected');
    expect(out.diff).toContain('+  chartVersion: "1.0.4" # bumped by renovate');
  });

  it('translates mode back to deletionProtection on 0.5', async () => {
    const ws = createWorkspace(
      folder(
        '1.0.4',
        'postgresqlDatabases:\n  - name: my-db\n    mode: protected\n  - name: b\n',
      ),
    );
    await runAction(action, ws, {
      targetPath: 'idp-dev/my-db',
      chartVersion: '0.5.0',
    });
    expect(readWorkspaceFile(ws, 'idp-dev/my-db/values.yaml')).toBe(
      'postgresqlDatabases:\n  - name: my-db\n    deletionProtection: true\n  - name: b\n    deletionProtection: false\n',
    );
  });

  it('changes nothing when the folder already has the version', async () => {
    const ws = createWorkspace(folder('0.5.0', values05));
    const before = snapshotDirectory(ws);
    const out = await runAction(action, ws, {
      targetPath: 'idp-dev/my-db',
      chartVersion: '0.5.0',
    });
    expect(snapshotDirectory(ws)).toEqual(before);
    expect(out).toMatchObject({ changed: false, diff: '', filesWritten: [] });
  });

  it.each([
    ['0.4.1', '0.5.0'],
    ['0.4.1', '1.0.4'],
    ['0.5.0', '0.4.1'],
  ])(
    'refuses to cross 0.5.0 in place (%s to %s) and points to the upgrade template',
    async (from, to) => {
      const ws = createWorkspace(
        folder(from, 'postgresqlDatabases:\n  - name: my-db\n'),
      );
      const before = snapshotDirectory(ws);
      const attempt = runAction(action, ws, {
        targetPath: 'idp-dev/my-db',
        chartVersion: to,
      });
      await expect(attempt).rejects.toThrow(
        new RegExp(
          `from chart ${from} to ${to} crosses chart 0.5.0.*my-db would be recreated and ALL THEIR DATA LOST`,
        ),
      );
      await expect(attempt).rejects.toThrow(
        /"Upgrade PostgreSQL chart" template \(upgrade-postgres-database\)/,
      );
      expect(snapshotDirectory(ws)).toEqual(before);
    },
  );

  it('refuses to write an unprotected definition into a production namespace', async () => {
    const ws = createWorkspace({
      'shop-prod/orders/application.yaml': application('0.5.0'),
      'shop-prod/orders/values.yaml':
        'postgresqlDatabases:\n  - name: orders\n    deletionProtection: true\n  - name: scratch\n    deletionProtection: false\n',
    });
    const before = snapshotDirectory(ws);
    await expect(
      runAction(action, ws, {
        targetPath: 'shop-prod/orders',
        chartVersion: '1.0.4',
      }),
    ).rejects.toThrow(
      /shop-prod is a production namespace, and shop-prod\/orders defines "scratch" without deletion protection; protect them first with the "Change PostgreSQL deletion protection" template/,
    );
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it('moves a protected production definition', async () => {
    const ws = createWorkspace({
      'shop-prod/orders/application.yaml': application('0.5.0'),
      'shop-prod/orders/values.yaml':
        'postgresqlDatabases:\n  - name: orders\n    deletionProtection: true\n',
    });
    await runAction(action, ws, {
      targetPath: 'shop-prod/orders',
      chartVersion: '1.0.4',
    });
    expect(readWorkspaceFile(ws, 'shop-prod/orders/values.yaml')).toBe(
      'postgresqlDatabases:\n  - name: orders\n    mode: protected\n',
    );
  });

  it('writes into the workspace in a dry run too, which the template editor shows', async () => {
    const ws = createWorkspace(folder('0.5.0', values05));
    const out = await runAction(
      action,
      ws,
      { targetPath: 'idp-dev/my-db', chartVersion: '1.0.1' },
      { dryRun: true },
    );
    expect(out.changed).toBe(true);
    expect(readWorkspaceFile(ws, 'idp-dev/my-db/values.yaml')).toContain(
      'mode: protected',
    );
  });

  it.each([
    [
      'a chart version the platform does not offer',
      '0.5.0',
      values05,
      { chartVersion: '9.9.9' },
      /Chart version "9.9.9" is not one the platform offers \(0.4.1, 0.5.0, 1.0.1, 1.0.2, 1.0.3, 1.0.4\)/,
    ],
    [
      'the workspace root as the folder',
      '0.5.0',
      values05,
      { targetPath: '.', namespace: 'idp-dev' },
      /targetPath "." is not a folder directly inside the namespace folder "idp-dev"; the apps repo layout is <namespace>\/<folder>\/values.yaml/,
    ],
    [
      'a folder of another namespace than the one given',
      '0.5.0',
      values05,
      { targetPath: 'idp-dev/my-db', namespace: 'idp-test' },
      /targetPath "idp-dev\/my-db" is not a folder directly inside the namespace folder "idp-test"/,
    ],
    [
      'a tooling folder',
      '0.5.0',
      values05,
      { targetPath: '.github/workflows' },
      /Namespace ".github" contains a dot/,
    ],
    [
      'a tooling folder for a given namespace',
      '0.5.0',
      values05,
      { targetPath: '.github/workflows', namespace: 'idp-dev' },
      /targetPath ".github\/workflows" is not a folder directly inside the namespace folder "idp-dev"/,
    ],
    [
      'a folder nested deeper than the layout',
      '0.5.0',
      values05,
      { targetPath: 'idp-dev/my-db/sub' },
      /is not a folder directly inside the namespace folder "idp-dev"/,
    ],
    [
      'a 100,000-character path',
      '0.5.0',
      values05,
      { targetPath: 'x'.repeat(100_000) },
      /^targetPath is 100000 characters long; the limit is 1024\.$/,
    ],
    [
      'a folder of another chart',
      '0.5.0',
      values05,
      { targetPath: 'idp-dev/web' },
      /idp-dev\/web\/application.yaml does not deploy helm\/idp-postgresql/,
    ],
    [
      'a values.yaml that is a folder',
      '0.5.0',
      values05,
      { targetPath: 'idp-dev/odd' },
      /idp-dev\/odd\/values.yaml is a folder, not a file/,
    ],
    [
      'an inexact version',
      '0.5.0',
      values05,
      { chartVersion: '1.x' },
      /not an exact version/,
    ],
    [
      'an unparseable values file',
      '0.5.0',
      'postgresqlDatabases: [\n',
      { chartVersion: '1.0.4' },
      /Cannot parse idp-dev\/my-db\/values.yaml as YAML/,
    ],
    [
      'a values file without databases',
      '0.5.0',
      'replicas: 1\n',
      { chartVersion: '1.0.4' },
      /has no postgresqlDatabases list/,
    ],
    [
      'an entry with both dialects',
      '0.5.0',
      'postgresqlDatabases:\n  - name: a\n    mode: protected\n    deletionProtection: true\n',
      { chartVersion: '1.0.4' },
      /sets both deletionProtection and mode/,
    ],
    [
      'a path out of the workspace',
      '0.5.0',
      values05,
      { targetPath: 'idp-dev/../../x' },
      /must not contain "\.\."/,
    ],
    [
      'a missing folder',
      '0.5.0',
      values05,
      { targetPath: 'idp-dev/other' },
      /idp-dev\/other is not a database definition folder/,
    ],
  ])(
    'refuses %s and changes nothing',
    async (_, version, values, change, message) => {
      const ws = createWorkspace({
        ...folder(version, values),
        'idp-dev/web/application.yaml': application(version).replace(
          'helm/idp-postgresql',
          'helm/web',
        ),
        'idp-dev/web/values.yaml': 'replicas: 1\n',
        'idp-dev/odd/application.yaml': application(version),
        'idp-dev/odd/values.yaml/README': 'a folder\n',
      });
      const before = snapshotDirectory(ws);
      await expect(
        runAction(action, ws, {
          targetPath: 'idp-dev/my-db',
          chartVersion: '1.0.4',
          ...change,
        }),
      ).rejects.toThrow(message);
      expect(snapshotDirectory(ws)).toEqual(before);
    },
  );

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      const given = exampleInput(example, action.id);
      const from = given.chartVersion === '0.5.0' ? '1.0.4' : '0.5.0';
      const ws = createWorkspace({
        [`${given.targetPath}/application.yaml`]: application(from),
        [`${given.targetPath}/values.yaml`]:
          'postgresqlDatabases:\n  - name: my-db\n',
      });
      const out = await runAction(action, ws, given);
      expect(out.changed).toBe(true);
      expect(
        parse(readWorkspaceFile(ws, `${given.targetPath}/application.yaml`))
          .helm.chartVersion,
      ).toBe(given.chartVersion);
    },
  );
});
