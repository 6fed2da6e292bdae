import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { inventoryDatabase } from './__testUtils__/inventoryFixtures';
import { findCatalogConflicts } from './findCatalogConflicts';

function entity(
  kind: string,
  ref: { namespace?: string; name: string },
  fields: { location?: string; databases?: string; type?: string },
): Entity {
  const annotations: Record<string, string> = {};
  if (fields.location) {
    annotations['backstage.io/managed-by-location'] = fields.location;
  }
  if (fields.databases) {
    annotations['idp.jppol.dk/postgresql-databases'] = fields.databases;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { namespace: 'default', ...ref, annotations },
    spec: { type: fields.type ?? 'service', owner: 'group:default/someone' },
  };
}

const repo = 'url:https://github.com/org/catalog/blob/main/all.yaml';

describe('findCatalogConflicts', () => {
  const databases = [
    inventoryDatabase({ namespace: 'shop', name: 'orders' }),
    inventoryDatabase({ namespace: 'billing', name: 'ledger' }),
  ];

  it('reports every Resource that stands for a database without coming from the provider', async () => {
    const catalog = catalogServiceMock({
      entities: [
        // ours, current and one the last mutation just removed: not conflicts
        entity(
          'Resource',
          { name: 'shop.orders' },
          {
            location: 'idp-postgres-inventory:shop/orders',
            type: 'postgresql-database',
            databases: 'shop/orders',
          },
        ),
        entity(
          'Resource',
          { name: 'old.gone' },
          {
            location: 'idp-postgres-inventory:old/gone',
            type: 'postgresql-database',
          },
        ),
        // holds a database's name, in another spelling
        entity('Resource', { name: 'Billing.Ledger' }, { location: repo }),
        // calls itself a database, in another namespace, naming none we know
        entity(
          'Resource',
          { namespace: 'team-x', name: 'my-db' },
          {
            location: repo,
            type: 'postgresql-database',
            databases: 'nope/none',
          },
        ),
        // another Resource type with the annotation
        entity(
          'Resource',
          { name: 'orders-reports' },
          {
            location: repo,
            type: 'bucket',
            databases: 'shop/orders, billing/ledger',
          },
        ),
        // apps carry the annotation legitimately
        entity(
          'Component',
          { name: 'shop-api' },
          { location: repo, databases: 'shop/orders' },
        ),
      ],
    });

    const conflicts = await findCatalogConflicts({
      catalog,
      credentials: mockCredentials.service('plugin:catalog'),
      databases,
    });

    expect(conflicts).toEqual([
      {
        entityRef: 'resource:default/billing.ledger',
        location: repo,
        databases: ['billing/ledger'],
      },
      {
        entityRef: 'resource:default/orders-reports',
        location: repo,
        databases: ['billing/ledger', 'shop/orders'],
      },
      { entityRef: 'resource:team-x/my-db', location: repo, databases: [] },
    ]);
  });

  it('finds nothing in a catalog without claims, or for an empty inventory', async () => {
    const catalog = catalogServiceMock({
      entities: [
        entity(
          'Component',
          { name: 'shop-api' },
          { location: repo, databases: 'shop/orders' },
        ),
      ],
    });
    const credentials = mockCredentials.service('plugin:catalog');

    await expect(
      findCatalogConflicts({ catalog, credentials, databases }),
    ).resolves.toEqual([]);
    await expect(
      findCatalogConflicts({ catalog, credentials, databases: [] }),
    ).resolves.toEqual([]);
  });
});
