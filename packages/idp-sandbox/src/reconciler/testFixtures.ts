import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { KubernetesStore } from '../kubernetes/KubernetesStore';
import {
  chartApplication,
  DEFAULT_DATABASE_RESOURCE_TYPE,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { databaseResourceType } from '../kubernetes/resourceTypes';
import { PostgresConnectionInfo } from '../postgres/PostgresConnectionInfo';
import { SecretsManagerStore } from '../secretsManager/SecretsManagerStore';
import type { SandboxLogger } from '../logging/SandboxLogger';
import { AppsRepo } from './AppsRepo';
import { Condition } from './conditions';
import { Reconciler } from './Reconciler';

/** The two files of a chart application, as the create template writes them. */
export function applicationFiles(
  namespace: string,
  folder: string,
  chartVersion: string,
  values: unknown,
): Record<string, string> {
  return {
    [`${namespace}/${folder}/application.yaml`]: stringify(
      chartApplication({
        name: folder,
        description: folder,
        slackChannel: 'reconciler-tests',
        chartVersion,
      }),
    ),
    [`${namespace}/${folder}/values.yaml`]:
      typeof values === 'string' ? values : stringify(values),
  };
}

/** A reconciler over fresh stores and a throwaway apps repo. */
export async function createTestPlatform(
  postgres: PostgresConnectionInfo,
  logger?: SandboxLogger,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-rec-'));
  const repo = new AppsRepo(path.join(dir, 'apps.git'));
  await repo.init();
  const kubernetes = new KubernetesStore();
  const secretsManager = new SecretsManagerStore();
  const databaseResource = databaseResourceType(DEFAULT_DATABASE_RESOURCE_TYPE);
  const events: { namespace: string; name: string; conditions: Condition[] }[] =
    [];
  const reconciler = new Reconciler({
    repo,
    postgres,
    kubernetes,
    secretsManager,
    databaseResource,
    endpoint: { host: postgres.host, port: postgres.port },
    onStatus: e => events.push(e),
    logger,
  });
  return {
    repo,
    kubernetes,
    secretsManager,
    databaseResource,
    reconciler,
    events,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
