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
export {
  IDP_POSTGRES_TEMPLATES_PROVIDER_NAME,
  IdpPostgresTemplateProvider,
  type IdpPostgresTemplateProviderOptions,
} from './templates/IdpPostgresTemplateProvider';
export type { TemplateOrgSettings } from './templates/orgTemplate';
export type { AppsRepo } from './templates/appsRepo';
export { catalogModuleIdpPostgres as default } from './module';
