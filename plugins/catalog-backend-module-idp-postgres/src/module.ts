import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { readProviderConfig } from './config';
import { IdpPostgresEntityProvider } from './IdpPostgresEntityProvider';
import { InventoryClient } from './InventoryClient';
import { IdpPostgresTemplateProvider } from './templates/IdpPostgresTemplateProvider';

/**
 * Adds the IDP PostgreSQL entity providers to the catalog: a `Resource` for
 * every database of the platform inventory served by the idp-postgres backend
 * plugin, and the scaffolder templates of a database's life with the org's
 * owner and apps repo.
 *
 * @public
 */
export const catalogModuleIdpPostgres = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'idp-postgres',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
      },
      async init({
        processing,
        catalog,
        config,
        logger,
        discovery,
        auth,
        scheduler,
      }) {
        const { schedule, ownerWhenUnknown, templates } =
          readProviderConfig(config);
        processing.addEntityProvider(
          new IdpPostgresEntityProvider({
            inventory: new InventoryClient({ discovery, auth }),
            catalog,
            auth,
            logger,
            ownerWhenUnknown,
            scheduler,
            schedule,
          }),
        );
        if (templates) {
          processing.addEntityProvider(
            new IdpPostgresTemplateProvider({ settings: templates, logger }),
          );
        }
      },
    });
  },
});
