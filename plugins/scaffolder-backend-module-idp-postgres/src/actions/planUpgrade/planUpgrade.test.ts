import { ConfigReader } from '@backstage/config';
import { applicationYaml, resourceYaml } from '../../__testUtils__/definitions';
import { unreachableBackendClient } from '../../__testUtils__/platform';
import {
  createWorkspace,
  exampleInput,
  removeWorkspaces,
  runAction,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { createPlanUpgradeAction } from './planUpgrade';
import { examples } from './planUpgrade.examples';

const config = new ConfigReader({});
const action = createPlanUpgradeAction({ config });

afterAll(removeWorkspaces);

const definition = (
  namespace: string,
  chartVersion: string,
  values: string,
  catalog = resourceYaml(namespace, 'orders', 'group:default/shop', 'Orders'),
) => ({
  [`${namespace}/orders/application.yaml`]: applicationYaml(chartVersion, {
    slackChannel: 'shop-alerts',
  }),
  [`${namespace}/orders/values.yaml`]: values,
  [`${namespace}/orders/catalog-info.yaml`]: catalog,
});

const legacy = definition(
  'team-a',
  '0.4.1',
  'postgresqlDatabases:\n  - name: orders\n',
);

describe('idp:postgres:plan-upgrade', () => {
  it.each([
    ['0.5.0', '1.0.4', 'in-place'],
    ['1.0.4', '0.5.0', 'in-place'],
    ['1.0.1', '1.0.1', 'none'],
  ])('plans %s to %s as %s', async (from, to, procedure) => {
    const ws = createWorkspace(
      definition('team-a', from, 'postgresqlDatabases:\n  - name: orders\n'),
    );
    const before = snapshotDirectory(ws);
    const out = await runAction(action, ws, {
      namespace: 'team-a',
      name: 'orders',
      chartVersion: to,
    });
    expect(out).toEqual({
      procedure,
      fromVersion: from,
      chartVersion: to,
      targetPath: 'team-a/orders',
      deletionProtection: false,
      owner: 'group:default/shop',
      description: 'Orders',
      slackChannel: 'shop-alerts',
      dataLoss: '',
      entityRef: 'resource:default/team-a.orders',
      tabPath: '/catalog/default/resource/team-a.orders/postgresql',
    });
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it('plans 0.4.1 to 0.5.0 as a recreate, with what re-adding needs and the data loss', async () => {
    const ws = createWorkspace(legacy);
    const out = await runAction(action, ws, {
      namespace: 'team-a',
      name: 'orders',
      chartVersion: '0.5.0',
      confirmName: 'orders',
    });
    expect(out).toEqual({
      procedure: 'recreate',
      fromVersion: '0.4.1',
      chartVersion: '0.5.0',
      targetPath: 'team-a/orders',
      deletionProtection: false,
      owner: 'group:default/shop',
      description: 'Orders',
      slackChannel: 'shop-alerts',
      dataLoss:
        'Upgrading team-a/orders from chart 0.4.1 to 0.5.0 recreates the database: team-a-orders is deleted and created again empty, and ALL ITS DATA IS LOST. Back up what you need first (pg_dump through the port-forward shown on its PostgreSQL tab).',
      entityRef: 'resource:default/team-a.orders',
      tabPath: '/catalog/default/resource/team-a.orders/postgresql',
    });
  });

  it('always protects a re-added production database', async () => {
    const ws = createWorkspace(
      definition(
        'shop-prod',
        '0.4.1',
        'postgresqlDatabases:\n  - name: orders\n',
      ),
    );
    const out = await runAction(action, ws, {
      namespace: 'shop-prod',
      name: 'orders',
      chartVersion: '1.0.4',
      confirmName: 'orders',
    });
    expect(out.procedure).toBe('recreate');
    expect(out.deletionProtection).toBe(true);
  });

  it('keeps the current protection outside production', async () => {
    const ws = createWorkspace(
      definition(
        'team-a',
        '0.5.0',
        'postgresqlDatabases:\n  - name: orders\n    deletionProtection: true\n',
      ),
    );
    const out = await runAction(action, ws, {
      namespace: 'team-a',
      name: 'orders',
      chartVersion: '1.0.4',
    });
    expect(out.deletionProtection).toBe(true);
  });

  it.each([
    [
      'a recreate without confirmation',
      legacy,
      { chartVersion: '0.5.0' },
      /^Upgrading team-a\/orders from chart 0.4.1 to 0.5.0 recreates the database: .*ALL ITS DATA IS LOST.* To go ahead, type the database name "orders" as the confirmation\.$/,
    ],
    [
      'a recreate with a wrong confirmation',
      legacy,
      { chartVersion: '0.5.0', confirmName: 'Orders' },
      /type the database name "orders" as the confirmation/,
    ],
    [
      'a recreate of a folder with several databases',
      definition(
        'team-a',
        '0.4.1',
        'postgresqlDatabases:\n  - name: carts\n  - name: orders\n',
      ),
      { chartVersion: '0.5.0', confirmName: 'orders' },
      /team-a\/orders defines 2 databases \(carts, orders\), and moving its chart across 0.5.0 would recreate ALL of them/,
    ],
    [
      'a recreate without an owner to re-add with',
      definition(
        'team-a',
        '0.4.1',
        'postgresqlDatabases:\n  - name: orders\n',
        '',
      ),
      { chartVersion: '0.5.0', confirmName: 'orders' },
      /team-a\/orders\/catalog-info.yaml has no Resource "team-a.orders" with spec.owner/,
    ],
    [
      'a move of a protected database to a chart that cannot protect',
      definition(
        'team-a',
        '0.5.0',
        'postgresqlDatabases:\n  - name: orders\n    deletionProtection: true\n',
      ),
      { chartVersion: '0.4.1', confirmName: 'orders' },
      /Chart 0.4.1 cannot protect a database, and team-a\/orders is protected now/,
    ],
    [
      'a version the platform does not offer',
      legacy,
      { chartVersion: '9.9.9' },
      /Chart version "9.9.9" is not one the platform offers/,
    ],
    [
      'a database that is not defined',
      legacy,
      { name: 'payments', chartVersion: '0.5.0' },
      /No folder of team-a in the apps repo defines the database "payments"/,
    ],
    [
      'a 100,000-character version',
      legacy,
      { chartVersion: '1'.repeat(100_000) },
      /^chartVersion is 100000 characters long; the limit is 32\.$/,
    ],
  ])('refuses %s and changes nothing', async (_, files, change, message) => {
    const ws = createWorkspace(files);
    const before = snapshotDirectory(ws);
    await expect(
      runAction(action, ws, { namespace: 'team-a', name: 'orders', ...change }),
    ).rejects.toThrow(message);
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it('asks the platform about the forced deletion before a recreate, and stops when it cannot', async () => {
    const withPlatform = createPlanUpgradeAction({
      config,
      platform: await unreachableBackendClient(),
    });
    const ws = createWorkspace(legacy);
    await expect(
      runAction(withPlatform, ws, {
        namespace: 'team-a',
        name: 'orders',
        chartVersion: '0.5.0',
        confirmName: 'orders',
      }),
    ).rejects.toThrow(
      /^Could not check the forced deletion of the Secrets Manager secrets of team-a\/orders: the idp-postgres backend did not answer/,
    );
    // An in-place move does not need the platform.
    const inPlace = createWorkspace(
      definition('team-a', '0.5.0', 'postgresqlDatabases:\n  - name: orders\n'),
    );
    const out = await runAction(withPlatform, inPlace, {
      namespace: 'team-a',
      name: 'orders',
      chartVersion: '1.0.4',
    });
    expect(out.procedure).toBe('in-place');
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      const given = exampleInput(example, action.id);
      const from = given.confirmName ? '0.4.1' : '0.5.0';
      const ws = createWorkspace({
        [`${given.namespace}/${given.name}/application.yaml`]:
          applicationYaml(from),
        [`${given.namespace}/${given.name}/values.yaml`]: `postgresqlDatabases:\n  - name: ${given.name}\n`,
        [`${given.namespace}/${given.name}/catalog-info.yaml`]: resourceYaml(
          given.namespace,
          given.name,
        ),
      });
      const out = await runAction(action, ws, given);
      expect(out.procedure).toBe(given.confirmName ? 'recreate' : 'in-place');
    },
  );
});
