import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  inventoryDatabase,
  inventoryOf,
} from './__testUtils__/inventoryFixtures';
import {
  inventoryAnswer,
  InventoryServer,
} from './__testUtils__/inventoryServer';
import {
  RecordingConnection,
  RecordingLogger,
} from './__testUtils__/recorders';
import catalogModule from './index';

/**
 * Stands in for the catalog plugin: offers the processing extension point and
 * connects the providers that modules add, as the catalog does when it starts.
 */
function catalogStandIn(
  providers: EntityProvider[],
  connection: RecordingConnection,
) {
  return createBackendPlugin({
    pluginId: 'catalog',
    register(reg) {
      reg.registerExtensionPoint(catalogProcessingExtensionPoint, {
        addEntityProvider: (...added) => providers.push(...added.flat()),
        addProcessor: () => {},
        addPlaceholderResolver: () => {},
        setOnProcessingErrorHandler: () => {},
      });
      reg.registerInit({
        deps: {},
        async init() {
          for (const provider of providers) {
            await provider.connect(connection);
          }
        },
      });
    },
  });
}

describe('the idp-postgres catalog module', () => {
  let server: InventoryServer;

  beforeAll(async () => {
    server = await InventoryServer.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('adds the provider and refreshes it from a global scheduled task', async () => {
    const providers: EntityProvider[] = [];
    const connection = new RecordingConnection();
    const scheduler = mockServices.scheduler();
    const logger = new RecordingLogger();
    server.answer = inventoryAnswer(
      inventoryOf([inventoryDatabase({ namespace: 'shop', name: 'orders' })]),
    );

    const backend = await startTestBackend({
      features: [
        catalogStandIn(providers, connection),
        catalogModule,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              providers: {
                idpPostgres: { ownerWhenUnknown: 'team-dba' },
              },
            },
          },
        }),
        createServiceFactory({
          service: coreServices.discovery,
          deps: {},
          factory: () => server.discovery(),
        }),
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => logger,
        }),
      ],
    });

    expect(providers.map(p => p.getProviderName())).toEqual([
      'idp-postgres-inventory',
      'idp-postgres-templates',
    ]);
    expect(await scheduler.getScheduledTasks()).toEqual([
      expect.objectContaining({
        id: 'idp-postgres-inventory:refresh',
        scope: 'global',
      }),
    ]);
    // The templates are emitted once at start-up; the default initial delay
    // keeps the inventory task from running then.
    expect(connection.mutations).toEqual([
      {
        type: 'full',
        entities: expect.arrayContaining([
          expect.objectContaining({
            entity: expect.objectContaining({ kind: 'Template' }),
          }),
        ]),
      },
    ]);

    await scheduler.triggerTask('idp-postgres-inventory:refresh');

    expect(connection.mutations).toHaveLength(2);
    const mutation = connection.mutations[1];
    expect(mutation.type === 'full' && mutation.entities[0].entity).toEqual(
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'shop.orders' }),
        // the configured shorthand, normalised to a full reference
        spec: { type: 'postgresql-database', owner: 'group:default/team-dba' },
      }),
    );
    expect(logger.messages('info')).toContain('1 databases, 0 conflicts');
    await backend.stop();
  });

  it('refuses to start with an unusable owner', async () => {
    await expect(
      startTestBackend({
        features: [
          catalogStandIn([], new RecordingConnection()),
          catalogModule,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                providers: { idpPostgres: { ownerWhenUnknown: 'group:' } },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/catalog\.providers\.idpPostgres\.ownerWhenUnknown/);
  });
});
