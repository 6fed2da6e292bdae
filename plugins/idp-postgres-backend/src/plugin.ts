import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import type { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  formatDatabaseRef,
  idpPostgresPermissions,
  parseDatabaseResourceRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { DatabaseAuthorizer } from './access/DatabaseAuthorizer';
import { registerActions } from './actions/registerActions';
import {
  idpPostgresDatabaseResourceRef,
  idpPostgresDatabaseRules,
} from './access/databaseRules';
import { awsAccountWarnings } from './config/awsAccounts';
import { readPluginConfig } from './config/readPluginConfig';
import { appsRepoFactsOf } from './inventory/appsRepoFacts';
import { InventoryRefresher } from './inventory/InventoryRefresher';
import { InventoryStore } from './inventory/InventoryStore';
import { ProgressReader } from './lifecycle/ProgressReader';
import { SecretsForceDeleter } from './lifecycle/SecretsForceDeleter';
import { WatchNotifier } from './lifecycle/WatchNotifier';
import { WatchStore } from './lifecycle/WatchStore';
import { scheduleInventoryRefresh } from './inventory/scheduleInventoryRefresh';
import { ConnectionService } from './connection/ConnectionService';
import { MonitoringService } from './monitoring/MonitoringService';
import { createRouter } from './router';
import { ClusterClients } from './service/ClusterClients';
import { GrantService } from './service/GrantService';
import { RestoreService } from './restore/RestoreService';
import { StatusCollector } from './status/StatusCollector';
import { StatusService } from './status/StatusService';

/**
 * The IDP PostgreSQL backend plugin: the platform inventory, and status,
 * connection details, grants and secret restore for databases of the
 * platform's idp-postgresql chart; and for the templates, name and connect
 * checks, progress, watches with notifications, and forced deletion of a
 * removed database's secrets.
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
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        database: coreServices.database,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { logger, permissionsRegistry } = deps;
        const config = readPluginConfig(deps.config);
        awsAccountWarnings(deps.config, config.clusters).forEach(warning =>
          logger.warn(warning),
        );
        const clients = new ClusterClients(
          config,
          logger,
          DefaultAwsCredentialsManager.fromConfig(deps.config),
        );
        deps.lifecycle.addShutdownHook(() => clients.close());
        const store = await InventoryStore.create(deps.database);
        const collector = new StatusCollector(config, clients);
        const watches = await WatchStore.create(deps.database);
        const progress = new ProgressReader({
          config,
          clients,
          inventory: store,
        });

        permissionsRegistry.addResourceType({
          resourceRef: idpPostgresDatabaseResourceRef,
          permissions: idpPostgresPermissions,
          rules: Object.values(idpPostgresDatabaseRules),
          getResources: async resourceRefs => {
            const refs = resourceRefs.map(parseDatabaseResourceRef);
            const found = await store.databasesOf(
              refs.filter(r => r !== undefined),
            );
            const byRef = new Map(
              found.flatMap(db => (db ? [[formatDatabaseRef(db), db]] : [])),
            );
            return refs.map(r =>
              r ? byRef.get(formatDatabaseRef(r)) : undefined,
            );
          },
        });

        const notifier = new WatchNotifier({
          config,
          watches,
          progress,
          inventory: store,
          notifications: deps.notifications,
          logger,
        });
        await scheduleInventoryRefresh({
          scheduler: deps.scheduler,
          intervalMs: config.inventory.refreshIntervalMs,
          refresher: new InventoryRefresher({
            config,
            clients,
            collector,
            store,
            urlReader: deps.urlReader,
            logger,
          }),
          // Watches are judged on the inventory just written, on this replica.
          afterRefresh: () => notifier.checkAll(),
        });

        // One set of services for the REST API and the actions, so both
        // share the status cache and a change through one is seen by both.
        const services = {
          config,
          auditor: deps.auditor,
          access: new DatabaseAuthorizer({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            permissionsRegistry,
            store,
            access: config.access,
          }),
          inventory: store,
          grants: new GrantService(config, clients, logger),
          status: new StatusService({
            config,
            collector,
            logger,
            appsRepoOf: async ref => appsRepoFactsOf(await store.database(ref)),
            shared: sharesCacheBetweenReplicas(deps.config)
              ? deps.cache
              : undefined,
          }),
          restore: new RestoreService(config, clients, logger),
          connection: new ConnectionService(config, clients),
          monitoring: new MonitoringService(config, clients),
          lifecycle: {
            progress,
            watches,
            forceDeleter: new SecretsForceDeleter({
              config,
              clients,
              inventory: store,
            }),
          },
        };
        deps.httpRouter.use(await createRouter({ ...services, logger }));
        registerActions(deps.actionsRegistry, services);
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
        logger.info('IDP PostgreSQL backend started', {
          clusters: config.clusters.map(c => c.name).join(','),
          appsRepoUrl: config.inventory.appsRepoUrl ?? 'none',
        });
      },
    });
  },
});

/**
 * Whether Backstage's cache reaches other replicas. The default memory store
 * is one map per process without a size bound: statuses put there would be
 * a second, unbounded copy of what the plugin's own byte-bounded cache holds.
 */
function sharesCacheBetweenReplicas(config: Config): boolean {
  const store = config.getOptionalString('backend.cache.store') ?? 'memory';
  return store !== 'memory';
}
