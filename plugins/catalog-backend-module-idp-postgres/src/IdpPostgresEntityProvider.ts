import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  databaseEntityName,
  Inventory,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { findCatalogConflicts } from './findCatalogConflicts';
import { InventoryClient } from './InventoryClient';
import { inventoryDatabaseEntity } from './inventoryDatabaseEntity';
import {
  IDP_POSTGRES_PROVIDER_NAME,
  providerLocationRef,
} from './providerLocation';

/**
 * What a refresh did, for the log line and for tests.
 *
 * @public
 */
export interface RefreshOutcome {
  /** False when the inventory could not be read and nothing was applied. */
  applied: boolean;
  databases: number;
  /** Undefined when the catalog could not be asked. */
  conflicts?: number;
}

/**
 * The provider's collaborators and settings.
 *
 * @public
 */
export interface IdpPostgresEntityProviderOptions {
  inventory: InventoryClient;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  ownerWhenUnknown: string;
  /** Both or neither: without them the provider only refreshes when asked. */
  scheduler?: SchedulerService;
  schedule?: SchedulerServiceTaskScheduleDefinition;
}

/**
 * Puts every database of the platform inventory into the catalog as a
 * `Resource`, replacing the whole set on each run, and reports catalog
 * entities that claim a database without coming from here.
 *
 * @public
 */
export class IdpPostgresEntityProvider implements EntityProvider {
  readonly #options: IdpPostgresEntityProviderOptions;
  readonly #logger: LoggerService;
  #connection?: EntityProviderConnection;

  constructor(options: IdpPostgresEntityProviderOptions) {
    this.#options = options;
    this.#logger = options.logger.child({
      entityProvider: IDP_POSTGRES_PROVIDER_NAME,
    });
  }

  getProviderName(): string {
    return IDP_POSTGRES_PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    const { scheduler, schedule } = this.#options;
    if (scheduler && schedule) {
      await scheduler.scheduleTask({
        ...schedule,
        id: `${IDP_POSTGRES_PROVIDER_NAME}:refresh`,
        // One replica at a time: every replica would read the same inventory
        // and apply the same full mutation.
        scope: 'global',
        fn: async signal => {
          await this.refresh(signal);
        },
      });
    }
  }

  /**
   * Reads the inventory and replaces the provider's entities with it. When the
   * inventory cannot be read, applies nothing: an empty full mutation would
   * delete every database Resource because the backend was briefly away.
   */
  async refresh(signal?: AbortSignal): Promise<RefreshOutcome> {
    const connection = this.#connection;
    if (!connection) {
      throw new ServiceUnavailableError(
        `Entity provider ${IDP_POSTGRES_PROVIDER_NAME} is not connected to the catalog yet`,
      );
    }

    let inventory: Inventory;
    try {
      inventory = await this.#options.inventory.fetchInventory(signal);
    } catch (error) {
      this.#logger.warn(
        `Kept the current database Resources: could not read the platform inventory: ${stringifyError(
          error,
        )}`,
      );
      return { applied: false, databases: 0 };
    }
    if (!inventory.refreshedAt) {
      // The backend answers 503 until its first refresh; an inventory without
      // a refresh time is that same "not yet" and must not empty the catalog.
      this.#logger.warn(
        'Kept the current database Resources: the platform inventory has not been refreshed yet',
      );
      return { applied: false, databases: 0 };
    }
    this.#reportInventoryProblems(inventory);

    const databases = [...inventory.databases].sort((a, b) =>
      databaseEntityName(a).localeCompare(databaseEntityName(b)),
    );
    await connection.applyMutation({
      type: 'full',
      entities: databases.map(database => ({
        entity: inventoryDatabaseEntity(database, {
          ownerWhenUnknown: this.#options.ownerWhenUnknown,
        }),
        // With a location key, a later catalog-info.yaml of the same name
        // cannot take the entity over; without one, the catalog would let it.
        locationKey: providerLocationRef(database),
      })),
    });

    const conflicts = await this.#reportConflicts(inventory);
    this.#logger.info(
      `${databases.length} databases, ${conflicts ?? 'unknown'} conflicts`,
    );
    return { applied: true, databases: databases.length, conflicts };
  }

  #reportInventoryProblems(inventory: Inventory) {
    if (inventory.lastFailure) {
      this.#logger.warn(
        `The platform inventory's last refresh failed at ${inventory.lastFailure.at}, so it dates from ${inventory.refreshedAt}: ${inventory.lastFailure.reason}`,
      );
    }
    for (const problem of inventory.problems) {
      this.#logger.warn(
        `The platform inventory could not read ${problem.source}: ${problem.reason}`,
        { source: problem.source },
      );
    }
  }

  async #reportConflicts(inventory: Inventory): Promise<number | undefined> {
    try {
      const conflicts = await findCatalogConflicts({
        catalog: this.#options.catalog,
        credentials: await this.#options.auth.getOwnServiceCredentials(),
        databases: inventory.databases,
      });
      for (const conflict of conflicts) {
        const claims =
          conflict.databases.length > 0
            ? `database ${conflict.databases.join(', ')}`
            : 'a database the inventory does not know';
        this.#logger.warn(
          `Catalog entity ${conflict.entityRef} from ${
            conflict.location ?? 'an unknown location'
          } claims ${claims} but was not emitted by ${IDP_POSTGRES_PROVIDER_NAME}; it grants nothing, remove it`,
          {
            entityRef: conflict.entityRef,
            location: conflict.location,
            databases: conflict.databases.join(','),
          },
        );
      }
      return conflicts.length;
    } catch (error) {
      this.#logger.warn(
        `Could not look for conflicting catalog entities: ${stringifyError(
          error,
        )}`,
      );
      return undefined;
    }
  }
}
