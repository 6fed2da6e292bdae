import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { applicationYaml, resourceYaml } from '../../__testUtils__/definitions';
import {
  createWorkspace,
  exampleInput,
  readWorkspaceFile,
  removeWorkspaces,
  runAction,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { createRemoveDatabaseAction } from './removeDatabase';
import { examples } from './removeDatabase.examples';

const action = createRemoveDatabaseAction({ config: new ConfigReader({}) });

afterAll(removeWorkspaces);

const onlyOrders = (chartVersion: string, protect: boolean) => ({
  'team-a/orders/application.yaml': applicationYaml(chartVersion),
  'team-a/orders/values.yaml': `postgresqlDatabases:\n  - name: orders\n${
    chartVersion === '0.4.1' ? '' : `    deletionProtection: ${protect}\n`
  }`,
  'team-a/orders/catalog-info.yaml': resourceYaml('team-a', 'orders'),
  'team-a/orders/README.md': 'notes\n',
  'team-a/web/values.yaml': 'replicas: 1\n',
});

const remove = { namespace: 'team-a', name: 'orders', confirmName: 'orders' };

describe('idp:postgres:remove-database', () => {
  it("deletes a folder's chart and catalog files when it defines only this database", async () => {
    const ws = createWorkspace(onlyOrders('0.5.0', false));
    const out = await runAction(action, ws, remove);
    expect(out.filesToDelete).toEqual([
      'team-a/orders/values.yaml',
      'team-a/orders/application.yaml',
      'team-a/orders/catalog-info.yaml',
    ]);
    for (const file of out.filesToDelete) {
      expect(fs.existsSync(path.join(ws, file))).toBe(false);
    }
    expect(readWorkspaceFile(ws, 'team-a/orders/README.md')).toBe('notes\n');
    expect(readWorkspaceFile(ws, 'team-a/web/values.yaml')).toBe(
      'replicas: 1\n',
    );
    expect(out.protected).toBe(false);
    expect(out.targetPath).toBe('team-a/orders');
    expect(out.consequence).toMatch(
      /^team-a\/orders has no deletion protection: merging the removal deletes the PostgreSQL database team-a-orders with ALL ITS DATA, its roles and their secrets. This cannot be undone.$/,
    );
    expect(out.diff).toContain('--- a/team-a/orders/values.yaml');
    expect(out.diff).toContain('-  - name: orders');
  });

  it('says that a protected database, its data and its secrets stay, and how to restore', async () => {
    const ws = createWorkspace(onlyOrders('0.5.0', true));
    const out = await runAction(action, ws, remove);
    expect(out.protected).toBe(true);
    expect(out.consequence).toContain(
      'deletes only its Kubernetes side (the database resource and the role secrets team-a-orders-admin, -write and -read in team-a',
    );
    expect(out.consequence).toContain(
      'The PostgreSQL database team-a-orders, ALL ITS DATA and its Secrets Manager secrets stay.',
    );
    expect(out.consequence).toContain(
      'add the definition again with the "Create PostgreSQL database" template (create-postgres-database)',
    );
    expect(out.consequence).toContain(
      'restore the Kubernetes secrets from Secrets Manager on its PostgreSQL tab (/catalog/default/resource/team-a.orders/postgresql)',
    );
  });

  it('warns that chart 0.4.1 only soft-deletes the secrets', async () => {
    const ws = createWorkspace(onlyOrders('0.4.1', false));
    const out = await runAction(action, ws, remove);
    expect(out.consequence).toContain(
      'needs them force-deleted by a platform admin first',
    );
  });

  it('removes only the entry and the Resource from a folder with other databases', async () => {
    const values = [
      'postgresqlDatabases:',
      '  # the shop',
      '  - name: carts # keep',
      '    deletionProtection: true',
      '  - name: orders',
      '    deletionProtection: false',
      '',
    ].join('\n');
    const catalog = `${resourceYaml('team-a', 'carts')}---\n${resourceYaml(
      'team-a',
      'orders',
    )}`;
    const ws = createWorkspace({
      'team-a/shop/application.yaml': applicationYaml('0.5.0'),
      'team-a/shop/values.yaml': values,
      'team-a/shop/catalog-info.yaml': catalog,
    });
    const out = await runAction(action, ws, remove);
    expect(readWorkspaceFile(ws, 'team-a/shop/values.yaml')).toBe(
      [
        'postgresqlDatabases:',
        '  # the shop',
        '  - name: carts # keep',
        '    deletionProtection: true',
        '',
      ].join('\n'),
    );
    expect(readWorkspaceFile(ws, 'team-a/shop/catalog-info.yaml')).toBe(
      `${resourceYaml('team-a', 'carts')}`,
    );
    expect(readWorkspaceFile(ws, 'team-a/shop/application.yaml')).toBe(
      applicationYaml('0.5.0'),
    );
    expect(out.filesToDelete).toEqual([]);
    expect(out.targetPath).toBe('team-a/shop');
  });

  it('changes its workspace in a dry run too', async () => {
    const ws = createWorkspace(onlyOrders('0.5.0', false));
    const out = await runAction(action, ws, remove, { dryRun: true });
    expect(fs.existsSync(path.join(ws, 'team-a/orders/values.yaml'))).toBe(
      false,
    );
    expect(out.filesToDelete).toHaveLength(3);
  });

  it.each([
    [
      'a confirmation that is not the name',
      { confirmName: 'order' },
      /The confirmation "order" is not the database name "orders"; type the name exactly to confirm/,
    ],
    [
      'a missing confirmation',
      { confirmName: undefined },
      /The confirmation "" is not the database name "orders"/,
    ],
    [
      'a database that is not defined',
      { name: 'payments', confirmName: 'payments' },
      /No folder of team-a in the apps repo defines the database "payments"/,
    ],
    [
      'a 100,000-character confirmation',
      { confirmName: 'o'.repeat(100_000) },
      /^confirmName is 100000 characters long; the limit is 63\.$/,
    ],
    [
      'a namespace that climbs out',
      { namespace: '..' },
      /Namespace ".." contains a dot/,
    ],
  ])('refuses %s and changes nothing', async (_, change, message) => {
    const ws = createWorkspace(onlyOrders('0.5.0', false));
    const before = snapshotDirectory(ws);
    await expect(
      runAction(action, ws, { ...remove, ...change }),
    ).rejects.toThrow(message);
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      const given = exampleInput(example, action.id);
      const ws = createWorkspace({
        [`${given.namespace}/${given.name}/application.yaml`]:
          applicationYaml('0.5.0'),
        [`${given.namespace}/${given.name}/values.yaml`]: `postgresqlDatabases:\n  - name: ${given.name}\n`,
      });
      const out = await runAction(action, ws, given);
      expect(out.filesToDelete).toHaveLength(2);
    },
  );
});
