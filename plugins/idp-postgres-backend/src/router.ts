import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  idpPostgresGrantsApplyPermission,
  idpPostgresSecretsRestorePermission,
  idpPostgresStatusReadPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type express from 'express';
import type { PluginConfig } from './config/pluginConfig';
import { connectionInfo } from './connection/connectionInfo';
import { spec } from './schema/openapi.generated';
import {
  authorizeDatabase,
  authorizedDatabases,
} from './service/databaseAccess';
import type { GrantService } from './service/GrantService';
import type { RestoreService } from './restore/RestoreService';
import type { DatabaseListService } from './status/DatabaseListService';
import type { StatusService } from './status/StatusService';

/** What the router needs; plugin.ts builds it from core services. */
export interface RouterOptions {
  config: PluginConfig;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  grants: GrantService;
  status: StatusService;
  databases: DatabaseListService;
  restore: RestoreService;
}

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

  router.get('/databases', async (req, res) => {
    const namespace = req.query.namespace;
    // Authenticate before touching the cluster; authorise per database after.
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const all = await options.databases.list(namespace);
    const items = await authorizedDatabases(
      options,
      req,
      all,
      idpPostgresStatusReadPermission,
    );
    res.json({ namespace, items });
  });

  router.get('/databases/:namespace/:name', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    await authorizeDatabase(options, req, ref, idpPostgresStatusReadPermission);
    const refresh = req.query.refresh === 'true';
    res.json(await options.status.status(ref, { refresh }));
  });

  router.get('/databases/:namespace/:name/connection', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    await authorizeDatabase(options, req, ref, idpPostgresStatusReadPermission);
    res.json(connectionInfo(ref, config));
  });

  router.get('/databases/:namespace/:name/grants', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    await authorizeDatabase(options, req, ref, idpPostgresStatusReadPermission);
    res.json(await options.grants.report(ref));
  });

  router.post('/databases/:namespace/:name/grants/apply', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    // Audit every attempt, including refused ones.
    const event = await options.auditor.createEvent({
      eventId: 'grants-apply',
      severityLevel: 'medium',
      request: req,
      meta: { namespace: ref.namespace, name: ref.name },
    });
    try {
      await authorizeDatabase(
        options,
        req,
        ref,
        idpPostgresGrantsApplyPermission,
      );
      const result = await options.grants.apply(ref);
      options.status.forget(ref);
      await event.success({
        meta: {
          statements: result.statements,
          stillMissing: result.after.missing.length,
        },
      });
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.post('/databases/:namespace/:name/restore', async (req, res) => {
    const ref = { namespace: req.params.namespace, name: req.params.name };
    const body = req.body ?? {};
    // Audit every attempt, dry runs and refused ones included.
    const event = await options.auditor.createEvent({
      eventId: 'secrets-restore',
      severityLevel: body.dryRun ? 'low' : 'high',
      request: req,
      meta: {
        namespace: ref.namespace,
        name: ref.name,
        dryRun: body.dryRun ?? false,
        force: body.force ?? false,
        roles: body.roles ?? 'all',
        restoreScheduledSecrets: body.restoreScheduledSecrets ?? false,
      },
    });
    try {
      await authorizeDatabase(
        options,
        req,
        ref,
        idpPostgresSecretsRestorePermission,
      );
      const result = await options.restore.restore(ref, body);
      if (!body.dryRun) options.status.forget(ref);
      await event.success({
        meta: {
          items: result.items.map(item => ({
            role: item.role,
            action: item.action,
            secretsManagerStep: item.secretsManagerStep,
            outcome: 'outcome' in item ? item.outcome : 'planned',
          })),
        },
      });
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
