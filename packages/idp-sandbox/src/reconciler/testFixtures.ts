import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { stringify } from 'yaml';
import { KubernetesStore } from '../kubernetes/KubernetesStore';
import {
  chartApplication,
  DEFAULT_DATABASE_RESOURCE_TYPE,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { databaseResourceType, SECRETS } from '../kubernetes/resourceTypes';
import {
  PostgresConnectionInfo,
  superuserClientConfig,
} from '../postgres/PostgresConnectionInfo';
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
  /** Runs SQL on its own connection and returns the rows. */
  async function query(
    config: ConstructorParameters<typeof Client>[0],
    sql: string,
    params: unknown[],
  ) {
    const client = new Client(config);
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  return {
    repo,
    kubernetes,
    secretsManager,
    databaseResource,
    reconciler,
    events,
    /** The resource's conditions as `Type=Status/Reason: message`, Ready first. */
    conditions: (namespace: string, name: string): string[] =>
      (
        (
          kubernetes.find(databaseResource, namespace, name)?.status as {
            conditions: Condition[];
          }
        )?.conditions ?? []
      ).map(
        c =>
          `${c.type}=${c.status}/${c.reason}${
            c.message ? `: ${c.message}` : ''
          }`,
      ),
    /** A Kubernetes secret's decoded values; undefined when it is missing. */
    secretValues: (
      namespace: string,
      name: string,
    ): Record<string, string> | undefined => {
      const secret = kubernetes.find(SECRETS, namespace, name);
      if (!secret) return undefined;
      return Object.fromEntries(
        Object.entries(secret.data as Record<string, string>).map(([k, v]) => [
          k,
          Buffer.from(v, 'base64').toString(),
        ]),
      );
    },
    superuserQuery: (database: string, sql: string, params: unknown[] = []) =>
      query(superuserClientConfig(postgres, database), sql, params),
    /** Runs SQL as the role of a Kubernetes secret, the way an app connects. */
    queryAs: (
      secret: Record<string, string>,
      database: string,
      sql: string,
      params: unknown[] = [],
    ) =>
      query(
        {
          host: secret.endpoint,
          port: Number(secret.port),
          user: secret.username,
          password: secret.password,
          database,
          ssl: { ca: postgres.caCert, servername: 'localhost' },
        },
        sql,
        params,
      ),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
