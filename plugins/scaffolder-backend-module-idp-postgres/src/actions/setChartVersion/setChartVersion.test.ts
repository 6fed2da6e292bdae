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
      secretsToForceDelete: [],
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

  it('explains the upgrade guide when crossing 0.5.0 without acknowledgement', async () => {
    const ws = createWorkspace(
      folder('0.4.1', 'postgresqlDatabases:\n  - name: my-db\n'),
    );
    const before = snapshotDirectory(ws);
    const attempt = runAction(action, ws, {
      targetPath: 'idp-dev/my-db',
      chartVersion: '0.5.0',
    });
    await expect(attempt).rejects.toThrow(
      /from chart 0.4.1 to 0.5.0 .* ALL THEIR DATA IS LOST/,
    );
    await expect(attempt).rejects.toThrow(/delete the database definition/);
    await expect(attempt).rejects.toThrow(
      /force-delete customer\/idp-dev\/idp-dev-my-db-admin, customer\/idp-dev\/idp-dev-my-db-write, customer\/idp-dev\/idp-dev-my-db-read/,
    );
    await expect(attempt).rejects.toThrow(/re-add the database/);
    await expect(attempt).rejects.toThrow(/acknowledgeDataLoss: true/);
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it('moves across 0.5.0 when the data loss is acknowledged', async () => {
    const ws = createWorkspace(
      folder('0.4.1', 'postgresqlDatabases:\n  - name: my-db\n'),
    );
    const out = await runAction(action, ws, {
      targetPath: 'idp-dev/my-db',
      chartVersion: '0.5.0',
      acknowledgeDataLoss: true,
    });
    expect(readWorkspaceFile(ws, 'idp-dev/my-db/values.yaml')).toBe(
      'postgresqlDatabases:\n  - name: my-db\n    deletionProtection: false\n',
    );
    expect(out.secretsToForceDelete).toEqual([
      'customer/idp-dev/idp-dev-my-db-admin',
      'customer/idp-dev/idp-dev-my-db-write',
      'customer/idp-dev/idp-dev-my-db-read',
    ]);
  });

  it('needs the acknowledgement to go back below 0.5.0 too', async () => {
    const ws = createWorkspace(
      folder(
        '0.5.0',
        'postgresqlDatabases:\n  - name: my-db\n    deletionProtection: false\n',
      ),
    );
    await expect(
      runAction(action, ws, {
        targetPath: 'idp-dev/my-db',
        chartVersion: '0.4.1',
      }),
    ).rejects.toThrow(/crosses chart 0.5.0/);
  });

  it('writes nothing in a dry run', async () => {
    const ws = createWorkspace(folder('0.5.0', values05));
    const before = snapshotDirectory(ws);
    const out = await runAction(
      action,
      ws,
      { targetPath: 'idp-dev/my-db', chartVersion: '1.0.0' },
      { dryRun: true },
    );
    expect(snapshotDirectory(ws)).toEqual(before);
    expect(out.changed).toBe(true);
  });

  it.each([
    [
      'a protected database on a chart that cannot protect',
      '0.5.0',
      values05,
      { chartVersion: '0.4.1', acknowledgeDataLoss: true },
      /Chart 0.4.1 cannot protect a database/,
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
      const ws = createWorkspace(folder(version, values));
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
      const ws = createWorkspace({
        [`${given.targetPath}/application.yaml`]: application('0.4.1').replace(
          '0.4.1',
          given.acknowledgeDataLoss ? '0.4.1' : '0.5.0',
        ),
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
