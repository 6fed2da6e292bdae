import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readPluginConfig } from './config/readPluginConfig';
import { createRouter } from './router';
import { ClusterClients } from './service/ClusterClients';
import { GrantService } from './service/GrantService';
import { RestoreService } from './restore/RestoreService';
import { DatabaseListService } from './status/DatabaseListService';
import { StatusCollector } from './status/StatusCollector';
import { StatusService } from './status/StatusService';

/**
 * The IDP PostgreSQL backend plugin: status, connection details, grants and
 * secret restore for databases of the platform's idp-postgresql chart.
 *
 * @public
 */
export const idpPostgresPlugin = createBackendPlugin({
  pluginId: 'idp-postgres',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        auditor,
        lifecycle,
      }) {
        const pluginConfig = readPluginConfig(config);
        const clients = new ClusterClients(pluginConfig, logger);
        lifecycle.addShutdownHook(() => clients.close());
        httpRouter.use(
          await createRouter({
            config: pluginConfig,
            logger,
            httpAuth,
            permissions,
            auditor,
            grants: new GrantService(pluginConfig, clients, logger),
            status: new StatusService(
              pluginConfig,
              new StatusCollector(pluginConfig, clients),
              logger,
            ),
            databases: new DatabaseListService(pluginConfig, clients, logger),
            restore: new RestoreService(pluginConfig, clients, logger),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info('IDP PostgreSQL backend started', {
          clusters: pluginConfig.clusters.map(c => c.name).join(','),
        });
      },
    });
  },
});
