import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { idpPostgresStatusReadPermission } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { InputError } from '@backstage/errors';
import express from 'express';
import type { DatabaseAuthorizer } from './access/DatabaseAuthorizer';
import {
  NO_CLUSTERS_MESSAGE,
  assertClustersConfigured,
} from './config/clusterForNamespace';
import type { PluginConfig } from './config/pluginConfig';
import type { ConnectionService } from './connection/ConnectionService';
import { addLifecycleRoutes } from './lifecycle/lifecycleRoutes';
import type { LifecycleServices } from './lifecycle/LifecycleServices';
import { listDatabases, refreshedState } from './inventory/listDatabases';
import type { InventoryStore } from './inventory/InventoryStore';
import type { MonitoringService } from './monitoring/MonitoringService';
import { applyGrants } from './operations/applyGrants';
import { restoreSecrets } from './operations/restoreSecrets';
import { RestoreIncompleteError } from './restore/RestoreIncompleteError';
import { spec } from './schema/openapi.generated';
import { routeNotFound } from './schema/routeNotFound';
import { refuseUnknownBodyProperties } from './schema/unknownBodyProperties';
import type { GrantService } from './service/GrantService';
import type { RestoreService } from './restore/RestoreService';
import type { StatusService } from './status/StatusService';

/** What the router needs; plugin.ts builds it from core services. */
export interface RouterOptions {
  config: PluginConfig;
  logger: LoggerService;
  auditor: AuditorService;
  access: DatabaseAuthorizer;
  inventory: InventoryStore;
  grants: GrantService;
  status: StatusService;
  restore: RestoreService;
  connection: ConnectionService;
  monitoring: MonitoringService;
  lifecycle: LifecycleServices;
}

/** The largest JSON body accepted: express.json's default, far above any request of the API. */
const BODY_LIMIT = '100kb';

/**
 * The plugin's HTTP API. The OpenAPI validator checks parameters and bodies
 * before a handler runs; handlers authorise and hand over to services.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { config } = options;
  const router = createValidatedOpenApiRouter<typeof spec>(spec);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  if (config.clusters.length === 0) {
    options.logger.warn(NO_CLUSTERS_MESSAGE);
    // Every other route answers 503 with what to configure.
    router.use(() => assertClustersConfigured(config));
  }

  const { access, inventory } = options;

  router.get('/databases', async (req, res) => {
    res.json(
      await listDatabases(
        options,
        await access.credentialsOf(req),
        req.query.namespace,
      ),
    );
  });

  router.get('/inventory', async (req, res) => {
    const state = await refreshedState(inventory);
    const databases = await access.filter(
      req,
      await inventory.databasesAt(state.refreshedAt),
      idpPostgresStatusReadPermission,
    );
    res.json({ ...state, databases });
  });

  router.get('/databases/:namespace/:name', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    await access.authorize(req, ref, idpPostgresStatusReadPermission);
    const refresh = req.query.refresh === 'true';
    res.json(await options.status.status(ref, { refresh }));
  });

  router.get('/databases/:namespace/:name/connection', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    await access.authorize(req, ref, idpPostgresStatusReadPermission);
    res.json(await options.connection.connectionInfo(ref));
  });

  router.get('/databases/:namespace/:name/monitoring', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    await access.authorize(req, ref, idpPostgresStatusReadPermission);
    res.json(await options.monitoring.report(ref));
  });

  router.get('/databases/:namespace/:name/grants', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    await access.authorize(req, ref, idpPostgresStatusReadPermission);
    res.json(await options.grants.report(ref));
  });

  router.post('/databases/:namespace/:name/grants/apply', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    res.json(await applyGrants(options, { request: req }, ref));
  });

  router.post('/databases/:namespace/:name/restore', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    const result = await restoreSecrets(
      options,
      { request: req },
      ref,
      req.body ?? {},
    );
    // 200 only when every secret was written or skipped as planned; a
    // client that reads only the status code must not take a failed secret
    // for a restored one. The 502 carries the per-secret results.
    if ('outcome' in result && result.outcome !== 'complete') {
      throw new RestoreIncompleteError(result);
    }
    res.json(result);
  });

  addLifecycleRoutes(router, options);

  // Last, so that only requests no route answered get here.
  router.use(req => {
    throw routeNotFound(req);
  });

  return withBodyErrors(router);
}

/**
 * Parses JSON bodies ahead of the validated router, whose own parser would
 * find the body already read. That router turns every error raised before
 * its routes into a 400; here a body over the limit answers 413, saying the
 * limit, a malformed one stays a 400, and one with properties its route
 * does not take is a 400 that names them.
 */
function withBodyErrors(validated: express.Router): express.Router {
  const outer = express.Router();
  outer.use(express.json({ limit: BODY_LIMIT }));
  outer.use(
    (
      error: unknown,
      _req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      if ((error as { type?: string })?.type === 'entity.too.large') {
        next(
          Object.assign(
            new Error(
              `The request body is larger than the ${BODY_LIMIT} this API accepts.`,
            ),
            { name: 'PayloadTooLargeError', statusCode: 413 },
          ),
        );
        return;
      }
      next(new InputError((error as Error).message));
    },
  );
  outer.use(refuseUnknownBodyProperties);
  outer.use(validated);
  return outer;
}
