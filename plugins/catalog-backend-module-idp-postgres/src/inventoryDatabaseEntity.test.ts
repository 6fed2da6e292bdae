import {
  definitionAt,
  inventoryDatabase as database,
} from './__testUtils__/inventoryFixtures';
import { inventoryDatabaseEntity } from './inventoryDatabaseEntity';

const options = { ownerWhenUnknown: 'group:default/platform-admins' };

const definition = definitionAt('shop/orders-db');

describe('inventoryDatabaseEntity', () => {
  it('maps a deployed database with an owner and users', () => {
    const entity = inventoryDatabaseEntity(
      database({
        definition,
        owner: {
          entityRef: 'group:default/team-shop',
          source: 'apps-repo',
          path: 'shop/orders-db/catalog-info.yaml',
        },
        description: 'Orders of the web shop',
        usedBy: [
          {
            folder: 'shop/web',
            valuesPath: 'shop/web/values.yaml',
            roles: ['read'],
            entityRef: 'component:default/web',
          },
          {
            folder: 'shop/api',
            valuesPath: 'shop/api/values.yaml',
            roles: ['write'],
            entityRef: 'component:default/api',
          },
          {
            folder: 'shop/api-worker',
            valuesPath: 'shop/api-worker/values.yaml',
            roles: ['admin'],
            entityRef: 'component:default/api',
          },
          {
            folder: 'shop/cron',
            valuesPath: 'shop/cron/values.yaml',
            roles: ['read'],
          },
        ],
      }),
      options,
    );

    expect(entity.apiVersion).toBe('backstage.io/v1alpha1');
    expect(entity.kind).toBe('Resource');
    expect(entity.metadata.name).toBe('shop.orders');
    expect(entity.metadata.namespace).toBe('default');
    expect(entity.metadata.title).toBe('orders (shop)');
    expect(entity.metadata.description).toBe('Orders of the web shop');
    expect(entity.metadata.tags).toEqual(['postgresql', 'deployed']);
    expect(entity.metadata.annotations).toEqual({
      'idp.jppol.dk/postgresql-databases': 'shop/orders',
      'backstage.io/managed-by-location': 'idp-postgres-inventory:shop/orders',
      'backstage.io/managed-by-origin-location':
        'idp-postgres-inventory:shop/orders',
      'backstage.io/view-url': definition.url,
      'backstage.io/source-location':
        'url:https://github.com/org/apps/blob/main/shop/orders-db/',
    });
    expect(entity.spec).toEqual({
      type: 'postgresql-database',
      owner: 'group:default/team-shop',
      // deduplicated and sorted; the app without an entity is left out
      dependencyOf: ['component:default/api', 'component:default/web'],
    });
  });

  it('gives a removed-protected database without owner the configured owner', () => {
    const entity = inventoryDatabaseEntity(
      database({ lifecycle: 'removed-protected', usedBy: [] }),
      options,
    );

    expect(entity.spec).toEqual({
      type: 'postgresql-database',
      owner: 'group:default/platform-admins',
    });
    expect(entity.metadata.tags).toEqual(['postgresql', 'removed-protected']);
    expect(entity.metadata.description).toBe(
      'PostgreSQL database shop-orders of namespace shop, no longer defined in the apps repo; the database or its secrets remain and can be restored.',
    );
    // no definition, so no link into the apps repo
    expect(Object.keys(entity.metadata.annotations!).sort()).toEqual([
      'backstage.io/managed-by-location',
      'backstage.io/managed-by-origin-location',
      'idp.jppol.dk/postgresql-databases',
    ]);
  });

  it('describes a pending database by its definition folder', () => {
    const entity = inventoryDatabaseEntity(
      database({
        lifecycle: 'pending',
        definition,
        owner: {
          entityRef: 'group:default/team-shop',
          source: 'namespace-config',
        },
      }),
      options,
    );

    expect(entity.metadata.description).toBe(
      'PostgreSQL database shop-orders of namespace shop, defined in shop/orders-db of the apps repo, not yet on the cluster.',
    );
    expect(entity.metadata.tags).toEqual(['postgresql', 'pending']);
    expect(entity.spec?.owner).toBe('group:default/team-shop');
  });

  it('keeps a URL with a query as the source location', () => {
    const url =
      'https://dev.azure.com/org/_git/apps?path=/shop/orders-db/values.yaml';
    const entity = inventoryDatabaseEntity(
      database({ definition: { ...definition, url } }),
      options,
    );

    expect(entity.metadata.annotations!['backstage.io/source-location']).toBe(
      `url:${url}`,
    );
  });

  it('gives demo/dev-orders and demo-dev/orders different names', () => {
    const a = inventoryDatabaseEntity(
      database({ namespace: 'demo', name: 'dev-orders' }),
      options,
    );
    const b = inventoryDatabaseEntity(
      database({ namespace: 'demo-dev', name: 'orders' }),
      options,
    );

    expect(a.metadata.name).toBe('demo.dev-orders');
    expect(b.metadata.name).toBe('demo-dev.orders');
  });

  it('gives the same database the same bytes, whatever changes only in health', () => {
    const users = [
      {
        folder: 'shop/b',
        valuesPath: 'shop/b/values.yaml',
        roles: ['read' as const],
        entityRef: 'component:default/b',
      },
      {
        folder: 'shop/a',
        valuesPath: 'shop/a/values.yaml',
        roles: ['read' as const],
        entityRef: 'component:default/a',
      },
    ];
    const first = inventoryDatabaseEntity(
      database({ definition, usedBy: users }),
      options,
    );
    const second = inventoryDatabaseEntity(
      database({
        definition,
        usedBy: [...users].reverse(),
        state: 'error',
        reason: 'Login failed',
        checkedAt: '2025-01-01T10:05:00Z',
        change: 'changed',
      }),
      options,
    );

    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
