/*
 * One replica's StatusService in a process of its own, with Backstage's
 * cache service on the redis store, driven by StatusService.test.ts over
 * the IPC channel of `fork`. A process per replica gives each its own redis
 * connection, as in production, and lets the test end the connection by
 * ending the process (Backstage's redis client cannot be closed from outside).
 *
 * Environment: IDP_TEST_REPLICA = JSON `{ config, redisUrl }`, where config
 * is the root config with the `idpPostgres` block.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ServiceFactoryTester,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { readPluginConfig } from '../../config/readPluginConfig';
import { ClusterClients } from '../../service/ClusterClients';
import { StatusCollector } from '../StatusCollector';
import { StatusService } from '../StatusService';

/** A request from the test. */
export type ReplicaRequest =
  | { id: number; op: 'status'; ref: { namespace: string; name: string } }
  | { id: number; op: 'forget'; ref: { namespace: string; name: string } }
  | { id: number; op: 'exit' };

/** What the replica sends back: answers, and its warnings as they happen. */
export type ReplicaMessage =
  | { type: 'ready' }
  | { type: 'answer'; id: number; value?: unknown; error?: string }
  | { type: 'warn'; message: string; meta?: unknown };

function send(message: ReplicaMessage) {
  process.send!(message);
}

/** Warnings go to the test; the rest of the log is not asserted on. */
function ipcLogger(): LoggerService {
  const logger: LoggerService = {
    error: () => {},
    warn: (message, meta) => send({ type: 'warn', message, meta }),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

async function main() {
  const { config: rootConfig, redisUrl } = JSON.parse(
    process.env.IDP_TEST_REPLICA ?? '{}',
  );
  const cache = await ServiceFactoryTester.from(mockServices.cache.factory(), {
    dependencies: [
      mockServices.rootConfig.factory({
        data: { backend: { cache: { store: 'redis', connection: redisUrl } } },
      }),
    ],
  }).getSubject('idp-postgres');
  const logger = ipcLogger();
  const config = readPluginConfig(new ConfigReader(rootConfig));
  const service = new StatusService({
    config,
    collector: new StatusCollector(
      config,
      new ClusterClients(
        config,
        logger,
        DefaultAwsCredentialsManager.fromConfig(new ConfigReader(rootConfig)),
      ),
    ),
    logger,
    shared: cache,
  });
  process.on('message', async (request: ReplicaRequest) => {
    if (request.op === 'exit') process.exit(0);
    try {
      const value =
        request.op === 'status'
          ? await service.status(request.ref)
          : await service.forget(request.ref);
      send({ type: 'answer', id: request.id, value });
    } catch (error) {
      send({
        type: 'answer',
        id: request.id,
        error: (error as Error).message,
      });
    }
  });
  send({ type: 'ready' });
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
