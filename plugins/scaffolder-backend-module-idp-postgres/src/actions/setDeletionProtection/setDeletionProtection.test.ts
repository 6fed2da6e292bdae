import { ConfigReader } from '@backstage/config';
import { parse } from 'yaml';
import { applicationYaml } from '../../__testUtils__/definitions';
import {
  createWorkspace,
  exampleInput,
  readWorkspaceFile,
  removeWorkspaces,
  runAction,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { createSetDeletionProtectionAction } from './setDeletionProtection';
import { examples } from './setDeletionProtection.examples';

const action = createSetDeletionProtectionAction({
  config: new ConfigReader({}),
});

afterAll(removeWorkspaces);

const values05 = [
  '# databases of team A',
  'postgresqlDatabases:',
  '  - name: orders # the shop',
  '    deletionProtection: false # to be protected',
  '  - name: carts',
  '    deletionProtection: false',
  '',
].join('\n');

const folder = (namespace: string, chartVersion: string, values: string) => ({
  [`${namespace}/shop/application.yaml`]: applicationYaml(chartVersion),
  [`${namespace}/shop/values.yaml`]: values,
});

describe('idp:postgres:set-deletion-protection', () => {
  it('protects one database on chart 0.5, keeping comments and the other entry', async () => {
    const ws = createWorkspace(folder('team-a', '0.5.0', values05));
    const out = await runAction(action, ws, {
      namespace: 'team-a',
      name: 'orders',
      protect: true,
    });
    expect(readWorkspaceFile(ws, 'team-a/shop/values.yaml')).toBe(
      values05.replace(
        'deletionProtection: false # to be protected',
        'deletionProtection: true # to be protected',
      ),
    );
    expect(out).toEqual({
      changed: true,
      diff: expect.stringContaining(
        '+    deletionProtection: true # to be protected',
      ),
      filesWritten: ['team-a/shop/values.yaml'],
      targetPath: 'team-a/shop',
      entityRef: 'resource:default/team-a.orders',
      tabPath: '/catalog/default/resource/team-a.orders/postgresql',
    });
  });

  it.each([
    [true, 'mode: protected'],
    [false, 'mode: standard'],
  ])('writes mode on chart 1.0 (protect %s)', async (protect, expected) => {
    const ws = createWorkspace(
      folder(
        'team-a',
        '1.0.4',
        'postgresqlDatabases:\n  - name: orders\n    mode: standard\n  - name: carts\n',
      ),
    );
    await runAction(action, ws, {
      namespace: 'team-a',
      name: 'carts',
      protect,
    });
    expect(readWorkspaceFile(ws, 'team-a/shop/values.yaml')).toBe(
      `postgresqlDatabases:\n  - name: orders\n    mode: standard\n  - name: carts\n    ${expected}\n`,
    );
  });

  it('changes nothing when the database already has that protection', async () => {
    const ws = createWorkspace(folder('team-a', '0.5.0', values05));
    const before = snapshotDirectory(ws);
    const out = await runAction(action, ws, {
      namespace: 'team-a',
      name: 'carts',
      protect: false,
    });
    expect(snapshotDirectory(ws)).toEqual(before);
    expect(out).toMatchObject({ changed: false, diff: '', filesWritten: [] });
  });

  it('writes into the workspace in a dry run too', async () => {
    const ws = createWorkspace(folder('team-a', '0.5.0', values05));
    await runAction(
      action,
      ws,
      { namespace: 'team-a', name: 'orders', protect: true },
      { dryRun: true },
    );
    expect(
      parse(readWorkspaceFile(ws, 'team-a/shop/values.yaml'))
        .postgresqlDatabases[0].deletionProtection,
    ).toBe(true);
  });

  it.each([
    [
      'unprotecting in a production namespace',
      folder('shop-prod', '0.5.0', values05),
      { namespace: 'shop-prod', name: 'orders', protect: false },
      /"shop-prod" is a production namespace \(\*-prod\); its databases must keep deletion protection/,
    ],
    [
      'protecting on chart 0.4.1',
      folder('team-a', '0.4.1', 'postgresqlDatabases:\n  - name: orders\n'),
      { namespace: 'team-a', name: 'orders', protect: true },
      /team-a\/shop deploys chart 0.4.1, which cannot protect a database. Move it to chart 0.5.0 or later with the "Upgrade PostgreSQL chart" template \(upgrade-postgres-database\) first/,
    ],
    [
      'a database that is not defined',
      folder('team-a', '0.5.0', values05),
      { namespace: 'team-a', name: 'payments', protect: true },
      /No folder of team-a in the apps repo defines the database "payments"/,
    ],
    [
      'a namespace that is not in the workspace',
      folder('team-a', '0.5.0', values05),
      { namespace: 'team-b', name: 'orders', protect: true },
      /The workspace has no folder "team-b"/,
    ],
    [
      'a 100,000-character name',
      folder('team-a', '0.5.0', values05),
      { namespace: 'team-a', name: 'o'.repeat(100_000), protect: true },
      /^name is 100000 characters long; the limit is 63\.$/,
    ],
    [
      'a wrong namespace',
      folder('team-a', '0.5.0', values05),
      { namespace: 'Team_A', name: 'orders', protect: true },
      /Namespace "Team_A" contains an underscore/,
    ],
    [
      'a protect that is not a boolean',
      folder('team-a', '0.5.0', values05),
      { namespace: 'team-a', name: 'orders', protect: 'yes' },
      /protect must be true or false/,
    ],
  ])('refuses %s and changes nothing', async (_, files, given, message) => {
    const ws = createWorkspace(files);
    const before = snapshotDirectory(ws);
    await expect(runAction(action, ws, given)).rejects.toThrow(message);
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      const given = exampleInput(example, action.id);
      const ws = createWorkspace({
        [`${given.namespace}/db/application.yaml`]: applicationYaml('1.0.4'),
        [`${given.namespace}/db/values.yaml`]: `postgresqlDatabases:\n  - name: ${
          given.name
        }\n    mode: ${given.protect ? 'standard' : 'protected'}\n`,
      });
      const out = await runAction(action, ws, given);
      expect(out.changed).toBe(true);
    },
  );
});
