/**
 * A catalog backend module whose entity provider puts every database of the
 * IDP PostgreSQL platform inventory into the catalog as a `Resource`.
 *
 * @packageDocumentation
 */

export {
  IdpPostgresEntityProvider,
  type IdpPostgresEntityProviderOptions,
  type RefreshOutcome,
} from './IdpPostgresEntityProvider';
export { InventoryClient } from './InventoryClient';
export {
  inventoryDatabaseEntity,
  type InventoryDatabaseEntityOptions,
} from './inventoryDatabaseEntity';
export {
  IDP_POSTGRES_PROVIDER_NAME,
  providerLocationRef,
} from './providerLocation';
export { catalogModuleIdpPostgres as default } from './module';
