import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  definitionAt,
  inventoryDatabase,
  inventoryOf,
} from './__testUtils__/inventoryFixtures';
import {
  inventoryAnswer,
  InventoryServer,
  notYetAnswer,
} from './__testUtils__/inventoryServer';
import {
  RecordingConnection,
  RecordingLogger,
} from './__testUtils__/recorders';
import { IdpPostgresEntityProvider } from './IdpPostgresEntityProvider';
import { InventoryClient } from './InventoryClient';

const orders = inventoryDatabase({
  namespace: 'shop',
  name: 'orders',
  definition: definitionAt('shop/orders-db'),
  owner: { entityRef: 'group:default/team-shop', source: 'apps-repo' },
  usedBy: [
    {
      folder: 'shop/api',
      valuesPath: 'shop/api/values.yaml',
      roles: ['write'],
      entityRef: 'component:default/shop-api',
    },
  ],
});
const legacy = inventoryDatabase({
  namespace: 'billing',
  name: 'legacy',
  lifecycle: 'removed-protected',
});

/** A Resource someone registered by hand from a catalog-info.yaml, holding the name of shop/orders. */
const handWritten: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'shop.orders',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location':
        'url:https://github.com/someone/fork/blob/main/catalog-info.yaml',
    },
  },
  spec: { type: 'postgresql-database', owner: 'group:default/someone' },
};

describe('IdpPostgresEntityProvider', () => {
  let server: InventoryServer;

  beforeAll(async () => {
    server = await InventoryServer.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  function setUp(catalogEntities: Entity[] = []) {
    const auth = mockServices.auth({ pluginId: 'catalog' });
    const logger = new RecordingLogger();
    const connection = new RecordingConnection();
    const provider = new IdpPostgresEntityProvider({
      inventory: new InventoryClient({ discovery: server.discovery(), auth }),
      catalog: catalogServiceMock({ entities: catalogEntities }),
      auth,
      logger,
      ownerWhenUnknown: 'group:default/platform-admins',
    });
    return { provider, logger, connection };
  }

  it('applies the inventory, then keeps it while the backend answers 503', async () => {
    const { provider, logger, connection } = setUp();
    await provider.connect(connection);
    expect(provider.getProviderName()).toBe('idp-postgres-inventory');

    server.answer = inventoryAnswer(inventoryOf([orders, legacy]));
    await expect(provider.refresh()).resolves.toEqual({
      applied: true,
      databases: 2,
      conflicts: 0,
    });

    expect(connection.mutations).toHaveLength(1);
    const mutation = connection.mutations[0];
    if (mutation.type !== 'full') {
      throw new Error(`expected a full mutation, got ${mutation.type}`);
    }
    expect(
      mutation.entities.map(e => [e.entity.metadata.name, e.locationKey]),
    ).toEqual([
      ['billing.legacy', 'idp-postgres-inventory:billing/legacy'],
      ['shop.orders', 'idp-postgres-inventory:shop/orders'],
    ]);
    const [legacyEntity, ordersEntity] = mutation.entities.map(e => e.entity);
    expect(ordersEntity.spec).toEqual({
      type: 'postgresql-database',
      owner: 'group:default/team-shop',
      dependencyOf: ['component:default/shop-api'],
    });
    expect(legacyEntity.spec?.owner).toBe('group:default/platform-admins');
    expect(logger.messages('info')).toEqual(['2 databases, 0 conflicts']);

    server.answer = notYetAnswer();
    await expect(provider.refresh()).resolves.toEqual({
      applied: false,
      databases: 0,
    });
    expect(connection.mutations).toHaveLength(1);
    const warnings = logger.messages('warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Kept the current database Resources: could not read the platform inventory: .*503.*The platform inventory has not been read yet/,
    );

    const last = server.requests[server.requests.length - 1];
    expect(last.url).toBe('/api/idp-postgres/inventory');
    expect(last.headers.authorization).toMatch(/^Bearer \S+$/);
    // mockServices.auth encodes who asked for whom in its tokens
    expect(last.headers.authorization).toContain('"target":"idp-postgres"');
  });

  it('applies nothing when the body is not an inventory or was never refreshed', async () => {
    const { provider, logger, connection } = setUp();
    await provider.connect(connection);

    server.answer = { status: 200, body: '<html>proxy error</html>' };
    await provider.refresh();
    server.answer = { status: 200, body: JSON.stringify({ databases: 'all' }) };
    await provider.refresh();
    server.answer = inventoryAnswer(
      inventoryOf([], { refreshedAt: undefined }),
    );
    await provider.refresh();

    expect(connection.mutations).toEqual([]);
    const warnings = logger.messages('warn');
    expect(warnings[0]).toMatch(/answered with a body that is not JSON/);
    expect(warnings[1]).toMatch(
      /answered with a body that is not an inventory/,
    );
    expect(warnings[1]).toMatch(/databases/);
    expect(warnings[2]).toMatch(/has not been refreshed yet/);
  });

  it('logs the inventory problems and last failure once per run', async () => {
    const { provider, logger, connection } = setUp();
    await provider.connect(connection);

    server.answer = inventoryAnswer(
      inventoryOf([orders], {
        lastFailure: {
          at: '2025-01-01T10:05:00Z',
          reason: 'cluster dev timed out',
        },
        problems: [
          { source: 'shop/broken/values.yaml', reason: 'not valid YAML' },
        ],
      }),
    );
    await provider.refresh();

    expect(logger.messages('warn')).toEqual([
      "The platform inventory's last refresh failed at 2025-01-01T10:05:00Z, so it dates from 2025-01-01T10:00:00Z: cluster dev timed out",
      'The platform inventory could not read shop/broken/values.yaml: not valid YAML',
    ]);
    expect(connection.mutations).toHaveLength(1);
  });

  it('reports a hand-registered Resource that holds a database name as a conflict', async () => {
    const ours: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'billing.legacy',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location':
            'idp-postgres-inventory:billing/legacy',
        },
      },
      spec: {
        type: 'postgresql-database',
        owner: 'group:default/platform-admins',
      },
    };
    const { provider, logger, connection } = setUp([handWritten, ours]);
    await provider.connect(connection);

    server.answer = inventoryAnswer(inventoryOf([orders, legacy]));
    await expect(provider.refresh()).resolves.toMatchObject({ conflicts: 1 });

    const conflict = logger.lines.find(l =>
      l.message.startsWith('Catalog entity'),
    );
    expect(conflict).toEqual({
      level: 'warn',
      message:
        'Catalog entity resource:default/shop.orders from url:https://github.com/someone/fork/blob/main/catalog-info.yaml claims database shop/orders but was not emitted by idp-postgres-inventory; it grants nothing, remove it',
      meta: {
        entityRef: 'resource:default/shop.orders',
        location:
          'url:https://github.com/someone/fork/blob/main/catalog-info.yaml',
        databases: 'shop/orders',
      },
    });
    expect(logger.messages('info')).toEqual(['2 databases, 1 conflicts']);
  });

  it('refuses to refresh before the catalog connected it', async () => {
    const { provider } = setUp();
    await expect(provider.refresh()).rejects.toThrow(/not connected/);
  });
});
