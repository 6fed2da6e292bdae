import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applicationYaml, resourceYaml } from '../__testUtils__/definitions';
import { createWorkspace, removeWorkspaces } from '../__testUtils__/workspace';
import { findDatabaseDefinition } from './findDefinition';

afterAll(removeWorkspaces);

const ref = { namespace: 'team-a', name: 'orders' };

describe('findDatabaseDefinition', () => {
  it('finds the folder whose values define the database, whatever its name', async () => {
    const ws = createWorkspace({
      'team-a/web/application.yaml': applicationYaml('1.0.0', {
        chart: 'helm/web',
      }),
      'team-a/web/values.yaml': 'postgresqlDatabases:\n  - name: orders\n',
      'team-a/shop-dbs/application.yaml': applicationYaml('0.5.0', {
        slackChannel: 'shop',
      }),
      'team-a/shop-dbs/values.yaml':
        'postgresqlDatabases:\n  - name: carts\n  - name: orders\n    deletionProtection: true\n',
      'team-a/shop-dbs/catalog-info.yaml': resourceYaml('team-a', 'orders'),
    });
    const found = await findDatabaseDefinition(ws, ref);
    expect(found.files.folder.relativePath).toBe('team-a/shop-dbs');
    expect(found.files.values.absolutePath).toBe(
      path.join(fs.realpathSync(ws), 'team-a/shop-dbs/values.yaml'),
    );
    expect(found.entry).toEqual({ name: 'orders', protected: true });
    expect(found.databases.map(d => d.name)).toEqual(['carts', 'orders']);
    expect(found.chartVersion).toBe('0.5.0');
    expect(found.application).toEqual({
      slackChannel: 'shop',
      description: 'db',
    });
    expect(found.catalogText).toContain('name: team-a.orders');
  });

  it('says which folders of the chart it could not read when it finds nothing', async () => {
    const ws = createWorkspace({
      'team-a/broken/application.yaml': applicationYaml('0.5.0'),
      'team-a/broken/values.yaml': 'postgresqlDatabases: [\n  { name: orders\n',
      // Broken too, but without the name as text it cannot define it.
      'team-a/unrelated/application.yaml': applicationYaml('0.5.0'),
      'team-a/unrelated/values.yaml': 'postgresqlDatabases: [\n',
      'team-a/other/application.yaml': applicationYaml('0.5.0'),
      'team-a/other/values.yaml': 'postgresqlDatabases:\n  - name: carts\n',
    });
    await expect(findDatabaseDefinition(ws, ref)).rejects.toThrow(
      /No folder of team-a in the apps repo defines the database "orders" .* These folders of the chart could not be read: team-a\/broken \(Cannot parse team-a\/broken\/values.yaml as YAML/s,
    );
    await expect(findDatabaseDefinition(ws, ref)).rejects.not.toThrow(
      /unrelated/,
    );
  });

  it('refuses a database defined in two folders', async () => {
    const ws = createWorkspace({
      'team-a/a/application.yaml': applicationYaml('0.5.0'),
      'team-a/a/values.yaml': 'postgresqlDatabases:\n  - name: orders\n',
      'team-a/b/application.yaml': applicationYaml('1.0.4'),
      'team-a/b/values.yaml': 'postgresqlDatabases:\n  - name: orders\n',
    });
    await expect(findDatabaseDefinition(ws, ref)).rejects.toThrow(
      /"orders" is defined in more than one folder of team-a: team-a\/a, team-a\/b/,
    );
  });

  it('asks for the namespace folder when the workspace has none', async () => {
    const ws = createWorkspace({ 'README.md': 'x\n' });
    await expect(findDatabaseDefinition(ws, ref)).rejects.toThrow(
      /The workspace has no folder "team-a": fetch the namespace folder of the apps repo into "team-a" first \(fetch:plain\)/,
    );
  });

  it('does not follow folders that are links, nor hidden folders', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-outside-'));
    try {
      fs.writeFileSync(
        path.join(outside, 'application.yaml'),
        applicationYaml('0.5.0'),
      );
      fs.writeFileSync(
        path.join(outside, 'values.yaml'),
        'postgresqlDatabases:\n  - name: orders\n',
      );
      const ws = createWorkspace({
        'team-a/.hidden/application.yaml': applicationYaml('0.5.0'),
        'team-a/.hidden/values.yaml':
          'postgresqlDatabases:\n  - name: orders\n',
      });
      fs.symlinkSync(outside, path.join(ws, 'team-a/linked'));
      await expect(findDatabaseDefinition(ws, ref)).rejects.toThrow(
        /No folder of team-a in the apps repo defines the database "orders"/,
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses an invalid reference before reading anything', async () => {
    const ws = createWorkspace();
    await expect(
      findDatabaseDefinition(ws, { namespace: '../etc', name: 'orders' }),
    ).rejects.toThrow(/Namespace "..\/etc" contains a dot/);
  });
});
