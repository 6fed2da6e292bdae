import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseRole,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  AppsRepo,
  KubernetesEmulator,
  SECRETS,
  SecretsManagerEmulator,
  TcpFaultProxy,
  sandboxPaths,
  sandboxUrlReaderServiceFactory,
  testPostgres,
} from '@jppol-idp/idp-sandbox';
import {
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  CHART_NAME,
  databaseEntity,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { stringify } from 'yaml';
import { INVENTORY_REFRESH_TASK_ID } from '../inventory/scheduleInventoryRefresh';
import { idpPostgresPlugin } from '../plugin';

import { EXTERNAL_SECRET_TYPE } from '../restore/externalSecretManifest';
import { CountingFaults } from './CountingFaults';
import { PlatformDatabase, createPlatformDatabase } from './sandboxPostgres';

/** The apps repo URL the sandbox's UrlReader serves, as the inventory reads it. */
export const APPS_REPO_URL = 'https://github.com/jppol-idp/apps/tree/main';

/**
 * The emulator takes any key. A static one keeps the SDK off its default
 * chain, which would try instance metadata on a machine without AWS keys.
 */
export const SANDBOX_AWS_CONFIG = {
  mainAccount: { accessKeyId: 'test', secretAccessKey: 'test' },
};

/** AWS credentials as the plugin makes them, for tests that build the clients themselves. */
export function sandboxAwsCredentials() {
  return DefaultAwsCredentialsManager.fromConfig(
    new ConfigReader({ aws: SANDBOX_AWS_CONFIG }),
  );
}

/** An audit event as a test sees it. */
export interface RecordedAuditEvent {
  eventId: string;
  outcome: 'success' | 'fail';
  meta?: Record<string, unknown>;
}

/**
 * What the plugin asked Backstage's notifications service to send; set
 * `failing` to make sends fail as an unreachable notifications backend does.
 */
export interface RecordedNotifications {
  sent: NotificationSendOptions[];
  failing?: Error;
}

/**
 * The platform as the plugin sees it in production, made of the sandbox's
 * real parts: TLS PostgreSQL behind a fault proxy, and the Kubernetes and
 * Secrets Manager emulators with counting fault injectors. Databases are
 * seeded the way the platform provisions them.
 */
export class SandboxPlatform {
  readonly postgres = testPostgres();
  /**
   * The dice of the Kubernetes fault rules, queued by tests that need a
   * failure rate to hit exactly one call; random when empty.
   */
  readonly kubernetesDice: number[] = [];
  readonly kubernetesFaults = new CountingFaults({
    random: () => this.kubernetesDice.shift() ?? Math.random(),
  });
  /** The dice of the Secrets Manager fault rules, as `kubernetesDice`. */
  readonly secretsManagerDice: number[] = [];
  readonly secretsManagerFaults = new CountingFaults({
    random: () => this.secretsManagerDice.shift() ?? Math.random(),
  });
  readonly kubernetes = new KubernetesEmulator({
    faults: this.kubernetesFaults,
    // Restore may write ExternalSecrets; the emulator only stores them.
    extraResourceTypes: [
      { ...EXTERNAL_SECRET_TYPE, singular: 'externalsecret', namespaced: true },
    ],
  });
  readonly secretsManager = new SecretsManagerEmulator({
    faults: this.secretsManagerFaults,
  });
  readonly postgresFaults = new CountingFaults();
  readonly proxy = new TcpFaultProxy({
    targetHost: this.postgres.host,
    targetPort: this.postgres.port,
    faults: this.postgresFaults,
  });
  private dir = '';
  /** The apps repo, a local bare git repo the sandbox's UrlReader serves. */
  appsRepo!: AppsRepo;

  async start(): Promise<void> {
    await Promise.all([
      this.kubernetes.start(),
      this.secretsManager.start(),
      this.proxy.start(),
    ]);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-postgres-platform-'));
    this.appsRepo = new AppsRepo(sandboxPaths(this.stateDir).appsRepo);
    await this.appsRepo.init();
    fs.writeFileSync(path.join(this.dir, 'k8s-ca.pem'), this.kubernetes.caCert);
    fs.writeFileSync(path.join(this.dir, 'pg-ca.pem'), this.postgres.caCert);
  }

  async stop(): Promise<void> {
    await Promise.all([
      this.kubernetesFaults.settled(),
      this.secretsManagerFaults.settled(),
      this.postgresFaults.settled(),
    ]);
    await Promise.all([
      this.kubernetes.stop(),
      this.secretsManager.stop(),
      this.proxy.stop(),
    ]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  clearFaults(): void {
    this.kubernetesFaults.clear();
    this.secretsManagerFaults.clear();
    this.proxy.faults.clear();
  }

  private get stateDir(): string {
    return path.join(this.dir, 'sandbox');
  }

  /**
   * Commits a database definition to the apps repo as the create template
   * writes it: the chart files, and with an owner its catalog-info.yaml.
   */
  async define(
    ref: DatabaseRef,
    options: { owner?: string; protected?: boolean; folder?: string } = {},
  ): Promise<void> {
    const folder = `${ref.namespace}/${options.folder ?? ref.name}`;
    await this.appsRepo.commit(
      {
        [`${folder}/application.yaml`]: stringify({
          apiVersion: 'v2',
          name: options.folder ?? ref.name,
          helm: { chart: CHART_NAME, chartVersion: '0.5.0' },
        }),
        [`${folder}/values.yaml`]: stringify({
          postgresqlDatabases: [
            { name: ref.name, deletionProtection: options.protected ?? false },
          ],
        }),
        ...(options.owner
          ? {
              [`${folder}/catalog-info.yaml`]: stringify(
                databaseEntity(ref, {
                  owner: options.owner,
                  description: `${ref.name} for tests`,
                }),
              ),
            }
          : {}),
      },
      `Define ${ref.namespace}/${ref.name}`,
    );
  }

  /** Removes a definition's folder from the apps repo, as a removal pull request does. */
  async undefine(ref: DatabaseRef, options: { folder?: string } = {}) {
    await this.appsRepo.removeFolder(
      `${ref.namespace}/${options.folder ?? ref.name}`,
      `Remove ${ref.namespace}/${ref.name}`,
    );
  }

  /** Deletes the database's custom resource, as ArgoCD does once a removal syncs. */
  deleteResource(ref: DatabaseRef): void {
    const type = this.kubernetes.databaseResource;
    if (this.kubernetes.store.find(type, ref.namespace, ref.name)) {
      this.kubernetes.store.delete(type, ref.namespace, ref.name);
    }
  }

  /** A role's Secrets Manager secret as the emulator stores it, or undefined when gone. */
  findSecretsManagerSecret(ref: DatabaseRef, role: DatabaseRole) {
    const name = deriveDatabaseNames(ref).secretsManagerSecrets[role];
    return this.secretsManager.store.find(name);
  }

  /** Plugin config pointing at the sandbox; timeouts short so slow tests stay fast. */
  config(
    overrides: {
      timeoutMs?: number;
      cacheTtlSeconds?: number;
      restore?: object;
      access?: object;
      namespaceOwners?: Record<string, string>;
    } = {},
  ): object {
    const timeout = overrides.timeoutMs ?? 1500;
    return {
      aws: SANDBOX_AWS_CONFIG,
      idpPostgres: {
        clusters: [
          {
            name: 'sandbox',
            namespaces: ['idp', 'idp-dev', 'idp-list', 'idp-restore'],
            kubernetes: {
              auth: 'url',
              url: this.kubernetes.url,
              token: this.kubernetes.token,
              caFile: path.join(this.dir, 'k8s-ca.pem'),
            },
            secretsManager: {
              region: 'eu-west-1',
              endpoint: this.secretsManager.url,
            },
            postgres: {
              host: '127.0.0.1',
              port: this.proxy.port,
              ssl: {
                mode: 'verify-full',
                caFile: path.join(this.dir, 'pg-ca.pem'),
                servername: 'localhost',
              },
            },
            ...(overrides.restore ? { restore: overrides.restore } : {}),
          },
        ],
        timeouts: {
          kubernetesMs: timeout,
          secretsManagerMs: timeout,
          postgresMs: timeout,
        },
        cacheTtlSeconds: overrides.cacheTtlSeconds ?? 0,
        platform: { appsRepoUrl: APPS_REPO_URL },
        inventory: { namespaceOwners: overrides.namespaceOwners ?? {} },
        ...(overrides.access ? { access: overrides.access } : {}),
        sandbox: { stateDir: this.stateDir },
      },
    };
  }

  /**
   * A healthy database as the platform makes it: PostgreSQL database and
   * roles, a Kubernetes and a Secrets Manager secret per role with the same
   * values, and a Ready, Synced custom resource.
   */
  async provision(ref: DatabaseRef): Promise<PlatformDatabase> {
    const db = await createPlatformDatabase(this.postgres, ref);
    for (const role of DATABASE_ROLES) {
      this.putKubernetesSecret(ref, role, this.secretValues(db, role));
      this.putSecretsManagerSecret(ref, role, this.secretValues(db, role));
    }
    this.putResource(ref, [
      { type: 'Ready', status: 'True', reason: 'Available' },
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
    ]);
    return db;
  }

  /** The four keys of a role secret, as the chart writes them. */
  secretValues(db: PlatformDatabase, role: DatabaseRole) {
    return {
      endpoint: 'rds-proxy-idp-rds-proxy.rds-proxy.svc.cluster.local',
      port: '5432',
      username: db.roles[role],
      password: db.passwords[role],
    };
  }

  putKubernetesSecret(
    ref: DatabaseRef,
    role: DatabaseRole,
    values: Record<string, string>,
  ): void {
    this.kubernetes.store.ensureNamespace(ref.namespace);
    this.kubernetes.store.apply(SECRETS, ref.namespace, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: deriveDatabaseNames(ref).kubernetesSecrets[role] },
      data: Object.fromEntries(
        Object.entries(values).map(([k, v]) => [
          k,
          Buffer.from(v).toString('base64'),
        ]),
      ),
    } as never);
  }

  /** The ExternalSecret restore wrote for a role, as stored. */
  readExternalSecret(ref: DatabaseRef, role: DatabaseRole) {
    const type = {
      ...EXTERNAL_SECRET_TYPE,
      singular: 'externalsecret',
      namespaced: true,
    };
    const name = deriveDatabaseNames(ref).kubernetesSecrets[role];
    return this.kubernetes.store.find(type, ref.namespace, name);
  }

  deleteKubernetesSecret(ref: DatabaseRef, role: DatabaseRole): void {
    const name = deriveDatabaseNames(ref).kubernetesSecrets[role];
    if (this.kubernetes.store.find(SECRETS, ref.namespace, name)) {
      this.kubernetes.store.delete(SECRETS, ref.namespace, name);
    }
  }

  readKubernetesSecret(
    ref: DatabaseRef,
    role: DatabaseRole,
  ):
    | { labels: Record<string, string>; data: Record<string, string> }
    | undefined {
    const name = deriveDatabaseNames(ref).kubernetesSecrets[role];
    const found = this.kubernetes.store.find(SECRETS, ref.namespace, name);
    if (!found) return undefined;
    const data = (found.data ?? {}) as Record<string, string>;
    return {
      labels: found.metadata.labels ?? {},
      data: Object.fromEntries(
        Object.entries(data).map(([k, v]) => [
          k,
          Buffer.from(v, 'base64').toString('utf8'),
        ]),
      ),
    };
  }

  /** Creates or replaces a role's Secrets Manager secret. */
  putSecretsManagerSecret(
    ref: DatabaseRef,
    role: DatabaseRole,
    values: Record<string, string>,
    options: { scheduledForDeletion?: boolean } = {},
  ): void {
    const store = this.secretsManager.store;
    const name = deriveDatabaseNames(ref).secretsManagerSecrets[role];
    const existing = store.find(name);
    if (existing) store.remove(existing);
    const now = Math.floor(Date.now() / 1000);
    const secret = store.add(
      name,
      options.scheduledForDeletion
        ? { deletedDate: now, deletionDate: now + 7 * 86400 }
        : {},
    );
    store.addVersion(secret, { secretString: JSON.stringify(values) });
  }

  putResource(
    ref: DatabaseRef,
    conditions: Array<Record<string, string>>,
    spec: Record<string, unknown> = {},
  ): void {
    this.kubernetes.store.ensureNamespace(ref.namespace);
    // The emulator's own resource type, so the test follows its configuration.
    const type = this.kubernetes.databaseResource;
    this.kubernetes.store.apply(type, ref.namespace, {
      apiVersion: `${type.group}/${type.version}`,
      kind: type.kind,
      metadata: { name: ref.name },
      spec: { name: ref.name, chartVersion: '0.5.0', ...spec },
      status: { conditions },
    } as never);
  }

  /**
   * Starts the plugin in a test backend against this platform; `denied`
   * permissions are refused, audit events are recorded.
   */
  async startBackend(
    options: {
      denied?: string[];
      config?: object;
      permissions?: Partial<PermissionsService>;
    } = {},
  ) {
    return startPluginTestBackend({
      ...options,
      config: options.config ?? this.config(),
    });
  }
}

/**
 * Starts the plugin in a test backend with the given config; `denied`
 * permissions are refused (or `permissions` decides), audit events are
 * recorded, and the inventory refreshes at start-up and on
 * `refreshInventory()`.
 */
export async function startPluginTestBackend(options: {
  config: object;
  denied?: string[];
  permissions?: Partial<PermissionsService>;
}) {
  const auditor = mockServices.auditor.mock();
  const events: RecordedAuditEvent[] = [];
  auditor.createEvent.mockImplementation(async event => ({
    success: async (result?: { meta?: Record<string, unknown> }) => {
      events.push({
        eventId: event.eventId,
        outcome: 'success',
        meta: result?.meta,
      });
    },
    fail: async () => {
      events.push({ eventId: event.eventId, outcome: 'fail' });
    },
  }));
  const decide = (requests: Array<{ permission: { name: string } }>) =>
    requests.map(r => ({
      result: options.denied?.includes(r.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    })) as never;
  const permissions = mockServices.permissions.mock(
    options.permissions ?? {
      authorize: async requests => decide(requests),
      authorizeConditional: async requests => decide(requests),
    },
  );
  const scheduler = mockServices.scheduler();
  const notifications: RecordedNotifications = { sent: [] };
  const backend = await startTestBackend({
    features: [
      idpPostgresPlugin,
      mockServices.rootConfig.factory({
        // A test's own config need not repeat the emulator's AWS keys.
        data: { aws: SANDBOX_AWS_CONFIG, ...options.config } as never,
      }),
      permissions.factory,
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      sandboxUrlReaderServiceFactory,
      // Backstage's notifications service, recording instead of posting to
      // a notifications backend.
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (sent: NotificationSendOptions) => {
            if (notifications.failing) throw notifications.failing;
            notifications.sent.push(sent);
          },
        }),
      }),
      auditor.factory,
      // Requests without an Authorization header are unauthenticated.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  const refreshInventory = () =>
    scheduler.triggerTask(INVENTORY_REFRESH_TASK_ID);
  await refreshInventory();
  return {
    server: backend.server,
    events,
    notifications,
    backend,
    /** Runs the inventory refresh now, as the scheduler would. */
    refreshInventory,
  };
}
