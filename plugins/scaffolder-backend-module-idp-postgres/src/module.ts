import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAllActions } from './actions/allActions';
import { IdpPostgresBackendClient } from './platform/IdpPostgresBackendClient';

/**
 * Adds the IDP PostgreSQL template actions to the scaffolder backend.
 *
 * @public
 */
export const scaffolderModuleIdpPostgres = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'idp-postgres',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        scaffolder.addActions(
          ...createAllActions({
            config,
            platform: new IdpPostgresBackendClient({ discovery, auth }),
          }),
        );
      },
    });
  },
});
