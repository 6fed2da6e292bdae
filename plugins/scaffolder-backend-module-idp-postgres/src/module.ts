import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createConnectAppAction } from './actions/connectApp/connectApp';
import { createCreateDatabaseAction } from './actions/createDatabase/createDatabase';
import { createSetChartVersionAction } from './actions/setChartVersion/setChartVersion';

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
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createCreateDatabaseAction({ config }),
          createConnectAppAction({ config }),
          createSetChartVersionAction({ config }),
        );
      },
    });
  },
});
