import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  createWorkspace,
  readWorkspaceFile,
  removeWorkspaces,
  runAction,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { createCreateDatabaseAction } from './createDatabase';

const action = createCreateDatabaseAction({ config: new ConfigReader({}) });

const manualInput = {
  namespace: 'idp-dev',
  name: 'my-db',
  chartVersion: '0.5.0',
  deletionProtection: false,
  slackChannel: 'my-slack-channel',
  owner: 'group:default/team-a',
};

afterAll(removeWorkspaces);

describe('idp:postgres:create-database in a new folder', () => {
  it('writes the two files of the manual exactly, and the catalog entity', async () => {
    const ws = createWorkspace();
    const out = await runAction(action, ws, manualInput);

    expect(readWorkspaceFile(ws, 'idp-dev/my-db/values.yaml')).toBe(
      'postgresqlDatabases:\n  - name: my-db\n    deletionProtection: false\n',
    );
    expect(readWorkspaceFile(ws, 'idp-dev/my-db/application.yaml')).toBe(
      [
        'apiVersion: v2',
        'name: my-db',
        'description: my-db',
        'version: 0.1.0',
        'slackChannel: my-slack-channel',
        'helm:',
        '  chart: helm/idp-postgresql',
        '  chartVersion: "0.5.0"',
        '',
      ].join('\n'),
    );
    expect(
      parse(readWorkspaceFile(ws, 'idp-dev/my-db/catalog-info.yaml')),
    ).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'idp-dev.my-db',
        title: 'my-db (idp-dev)',
        description: 'my-db',
        annotations: { 'idp.jppol.dk/postgresql-databases': 'idp-dev/my-db' },
      },
      spec: { type: 'postgresql-database', owner: 'group:default/team-a' },
    });
    expect(out).toEqual({
      databaseName: 'idp-dev-my-db',
      roleNames: {
        admin: 'idp-dev-my-db-admin',
        write: 'idp-dev-my-db-write',
        read: 'idp-dev-my-db-read',
      },
      kubernetesSecretNames: {
        admin: 'idp-dev-my-db-admin',
        write: 'idp-dev-my-db-write',
        read: 'idp-dev-my-db-read',
      },
      secretsManagerSecretNames: {
        admin: 'customer/idp-dev/idp-dev-my-db-admin',
        write: 'customer/idp-dev/idp-dev-my-db-write',
        read: 'customer/idp-dev/idp-dev-my-db-read',
      },
      entityRef: 'resource:default/idp-dev.my-db',
      tabPath: '/catalog/default/resource/idp-dev.my-db/postgresql',
      targetPath: 'idp-dev/my-db',
      filesWritten: [
        'idp-dev/my-db/values.yaml',
        'idp-dev/my-db/application.yaml',
        'idp-dev/my-db/catalog-info.yaml',
      ],
      readd: false,
    });
  });

  it('writes the same files in a dry run, into the workspace the template editor shows', async () => {
    const wet = createWorkspace();
    const dry = createWorkspace();
    const wetOut = await runAction(action, wet, manualInput);
    const dryOut = await runAction(action, dry, manualInput, { dryRun: true });
    expect(snapshotDirectory(dry)).toEqual(snapshotDirectory(wet));
    expect(dryOut).toEqual(wetOut);
  });

  it.each([
    ['0.4.1', false, '  - name: my-db\n'],
    ['0.5.0', true, '  - name: my-db\n    deletionProtection: true\n'],
    ['1.0.4', false, '  - name: my-db\n    mode: standard\n'],
    ['1.0.4', true, '  - name: my-db\n    mode: protected\n'],
  ])(
    'writes chart %s, protection %s in that chart dialect',
    async (chartVersion, deletionProtection, entry) => {
      const ws = createWorkspace();
      await runAction(action, ws, {
        ...manualInput,
        chartVersion,
        deletionProtection,
      });
      expect(readWorkspaceFile(ws, 'idp-dev/my-db/values.yaml')).toBe(
        `postgresqlDatabases:\n${entry}`,
      );
      expect(readWorkspaceFile(ws, 'idp-dev/my-db/application.yaml')).toContain(
        `  chartVersion: "${chartVersion}"\n`,
      );
    },
  );

  it('uses the configured default chart version, description and folder', async () => {
    const configured = createCreateDatabaseAction({
      config: new ConfigReader({
        idpPostgres: {
          scaffolder: { defaultChartVersion: '1.0.1' },
          platform: {
            secretsManagerNamePattern: 'apps/{namespace}/{database}/{role}',
          },
        },
      }),
    });
    const ws = createWorkspace();
    const { chartVersion, ...input } = manualInput;
    const out = await runAction(configured, ws, {
      ...input,
      description: 'Orders, "quoted": and #hashed',
      targetPath: 'idp-dev/databases',
    });
    const app = parse(
      readWorkspaceFile(ws, 'idp-dev/databases/application.yaml'),
    );
    expect(app.helm.chartVersion).toBe('1.0.1');
    expect(app.description).toBe('Orders, "quoted": and #hashed');
    expect(out.secretsManagerSecretNames.read).toBe('apps/idp-dev/my-db/read');
  });

  it('defaults to chart 0.5.0 with an empty config', async () => {
    const ws = createWorkspace();
    const { chartVersion, ...input } = manualInput;
    await runAction(action, ws, input);
    expect(readWorkspaceFile(ws, 'idp-dev/my-db/application.yaml')).toContain(
      'chartVersion: "0.5.0"',
    );
  });

  it('accepts an unprotected database outside production and a protected one in production', async () => {
    const ws = createWorkspace();
    await runAction(action, ws, {
      ...manualInput,
      namespace: 'shop-prod',
      deletionProtection: true,
    });
    expect(readWorkspaceFile(ws, 'shop-prod/my-db/values.yaml')).toContain(
      'deletionProtection: true',
    );
  });

  it('treats configured patterns as production', async () => {
    const strict = createCreateDatabaseAction({
      config: new ConfigReader({
        idpPostgres: { platform: { productionNamespacePatterns: ['live-*'] } },
      }),
    });
    const ws = createWorkspace();
    await expect(
      runAction(strict, ws, { ...manualInput, namespace: 'live-shop' }),
    ).rejects.toThrow(/production namespace.*live-\*/);
    // With other patterns configured, *-prod is no longer special.
    await runAction(strict, ws, { ...manualInput, namespace: 'shop-prod' });
    expect(fs.existsSync(path.join(ws, 'shop-prod/my-db/values.yaml'))).toBe(
      true,
    );
  });
});
