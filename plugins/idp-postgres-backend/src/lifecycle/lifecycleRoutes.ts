import type { ApiRouter } from '@backstage/backend-openapi-utils';
import {
  assertValidDatabaseRef,
  idpPostgresStatusReadPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseAuthorizer } from '../access/DatabaseAuthorizer';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { PluginConfig } from '../config/pluginConfig';
import type { InventoryStore } from '../inventory/InventoryStore';
import type { OperationServices } from '../operations/OperationServices';
import type { spec } from '../schema/openapi.generated';
import type { GrantService } from '../service/GrantService';
import { checkConnect } from './checkConnect';
import { checkNewDatabase } from './checkNewDatabase';
import { assertAppLink } from './databaseLinks';
import { forceDeleteSecrets } from './forceDeleteSecrets';
import type { LifecycleServices } from './LifecycleServices';

/** What the lifecycle routes need from the router's options. */
export interface LifecycleRouteOptions extends OperationServices {
  config: PluginConfig;
  access: DatabaseAuthorizer;
  inventory: InventoryStore;
  grants: GrantService;
  lifecycle: LifecycleServices;
}

/**
 * The routes templates and forms call around creating, connecting and
 * removing a database: the two checks, the progress, forcing the secrets'
 * deletion, and watches.
 */
export function addLifecycleRoutes(
  router: ApiRouter<typeof spec>,
  options: LifecycleRouteOptions,
): void {
  const { access, config, lifecycle } = options;

  // Only whether names are taken, so any caller; no resource permission.
  router.get('/checks/new-database', async (req, res) => {
    await access.credentialsOf(req);
    const { namespace, name } = req.query;
    res.json(await checkNewDatabase(options, { namespace, name }));
  });

  router.get('/checks/connect', async (req, res) => {
    const credentials = await access.credentialsOf(req);
    const { namespace, name, role, appNamespace } = req.query;
    res.json(
      await checkConnect(options, credentials, {
        namespace,
        name,
        role,
        ...(appNamespace !== undefined ? { appNamespace } : {}),
      }),
    );
  });

  router.get('/databases/:namespace/:name/progress', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    await access.authorize(req, ref, idpPostgresStatusReadPermission);
    res.json(
      await lifecycle.progress.progress(ref, req.query.expect ?? 'ready'),
    );
  });

  router.post(
    '/databases/:namespace/:name/secrets/force-delete',
    async (req, res) => {
      const ref = { namespace: req.params.namespace, name: req.params.name };
      res.json(
        await forceDeleteSecrets(
          { ...options, forceDeleter: lifecycle.forceDeleter },
          { request: req },
          ref,
          req.body ?? {},
        ),
      );
    },
  );

  router.post('/watches', async (req, res) => {
    const credentials = await access.credentialsOf(req);
    const ref = { namespace: req.body.namespace, name: req.body.name };
    assertValidDatabaseRef(ref);
    clusterForNamespace(config, ref.namespace);
    if (req.body.link !== undefined) assertAppLink(config, req.body.link);
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    const known = await options.inventory.database(ref);
    const watch = await lifecycle.watches.add(
      {
        ...req.body,
        ...(principal.type === 'user' && principal.userEntityRef
          ? { requestedBy: principal.userEntityRef }
          : {}),
      },
      {
        now: new Date(),
        watchMs: config.notifications.watchMs,
        owner: known?.owner?.entityRef,
      },
    );
    res.status(201).json(watch);
  });
}
