import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { TcpFaultProxy } from '../faults/TcpFaultProxy';
import { writeKubeconfig } from '../kubernetes/kubeconfig';
import { KubernetesEmulator } from '../kubernetes/KubernetesEmulator';
import { KubernetesStore } from '../kubernetes/KubernetesStore';
import { DatabaseResourceType } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  childLogger,
  SandboxLogger,
  silentLogger,
} from '../logging/SandboxLogger';
import { generateTlsMaterial, TlsMaterial } from '../postgres/certificates';
import { PostgresConnectionInfo } from '../postgres/PostgresConnectionInfo';
import { PostgresServer } from '../postgres/PostgresServer';
import { AppsRepo } from '../reconciler/AppsRepo';
import { Reconciler } from '../reconciler/Reconciler';
import { SecretsManagerEmulator } from '../secretsManager/SecretsManagerEmulator';
import { SecretsManagerStore } from '../secretsManager/SecretsManagerStore';
import { readJsonFile, writeJsonFile } from '../state/jsonFile';
import { SandboxPaths, sandboxPaths } from '../state/sandboxPaths';
import type { SandboxPorts } from '../config/sandboxConfig';
import { assertFixedPortsFree, listenFor } from './ports';

/** @public */
export interface SandboxOptions {
  /** State folder; see `defaultStateDir()`. */
  stateDir: string;
  logger?: SandboxLogger;
  /** Use this server instead of starting embedded PostgreSQL (tests do). */
  postgres?: PostgresConnectionInfo;
  databaseResource?: DatabaseResourceType;
  secretsManagerNamePattern?: string;
  knownChartVersions?: string[];
  pollIntervalMs?: number;
  /**
   * Fixed loopback ports, e.g. from `idpPostgres.sandbox.ports` so that the
   * dev backend's cluster settings can name them. A fixed port that is taken
   * fails the start (`PortInUseError`) before anything runs; without one (or
   * 0) the previous run's port, or any free one, is used.
   */
  ports?: SandboxPorts;
  /**
   * The Kubernetes emulator's bearer token. Dev setups pass a fixed,
   * well-known value from config; it is kept for later starts (the CLI's
   * too). Random and persisted when not given.
   */
  kubernetesToken?: string;
}

/** Where everything listens; written to `sandbox.json` (no secrets in it). @public */
export interface SandboxEndpoints {
  pid: number;
  postgres: { host: string; port: number; directPort: number; user: string };
  /** `caCert` is the emulator's CA file; the token is in `kubernetes-token.json`. */
  kubernetes: { url: string; kubeconfig: string; caCert?: string };
  secretsManager: { url: string; region: string };
  appsRepo: string;
  caCert: string;
  pgpass: string;
}

const REGION = 'eu-west-1';

type Stoppable = { stop(): Promise<void> };

/**
 * The whole local platform: PostgreSQL (behind a fault proxy), the
 * Kubernetes and Secrets Manager emulators, and the reconciler over the apps
 * repo, all with state under one folder.
 *
 * @public
 */
export class Sandbox {
  private constructor(
    readonly paths: SandboxPaths,
    readonly postgres: PostgresConnectionInfo,
    readonly proxy: TcpFaultProxy,
    readonly kubernetes: KubernetesEmulator,
    readonly secretsManager: SecretsManagerEmulator,
    readonly repo: AppsRepo,
    readonly reconciler: Reconciler,
    readonly endpoints: SandboxEndpoints,
    private readonly server?: PostgresServer,
  ) {}

  static async start(options: SandboxOptions): Promise<Sandbox> {
    const logger = options.logger ?? silentLogger;
    const paths = sandboxPaths(options.stateDir);
    const ports = options.ports ?? {};
    // Before PostgreSQL starts: a taken fixed port then costs nothing.
    await assertFixedPortsFree(ports);
    fs.mkdirSync(paths.root, { recursive: true, mode: 0o755 });
    const previous = readJsonFile<SandboxEndpoints>(paths.runtimeFile);

    const server = options.postgres
      ? undefined
      : new PostgresServer({
          dir: paths.postgres,
          logger: childLogger(logger, { part: 'postgres' }),
        });
    const started: Stoppable[] = [];
    try {
      const postgres = options.postgres ?? (await server!.start());
      if (server) started.push(server);
      const proxy = new TcpFaultProxy({
        targetHost: postgres.host,
        targetPort: postgres.port,
        logger,
      });
      await listenFor(
        'postgres',
        p => proxy.start(p),
        { fixed: ports.postgres, previous: previous?.postgres.port },
        logger,
      );
      started.push(proxy);

      const kubernetes = await startKubernetes(options, paths, previous);
      started.push(kubernetes);
      const secretsManager = new SecretsManagerEmulator({
        store: new SecretsManagerStore({
          file: paths.secretsManagerState,
          region: REGION,
        }),
        logger: childLogger(logger, { part: 'secrets-manager' }),
      });
      await listenFor(
        'secretsManager',
        p => secretsManager.start(p),
        {
          fixed: ports.secretsManager,
          previous: portOf(previous?.secretsManager.url),
        },
        logger,
      );
      started.push(secretsManager);

      const repo = new AppsRepo(paths.appsRepo);
      await repo.init();
      const reconciler = new Reconciler({
        repo,
        postgres,
        kubernetes: kubernetes.store,
        databaseResource: kubernetes.databaseResource,
        secretsManager: secretsManager.store,
        endpoint: { host: '127.0.0.1', port: proxy.port },
        secretsManagerNamePattern: options.secretsManagerNamePattern,
        knownChartVersions: options.knownChartVersions,
        pollIntervalMs: options.pollIntervalMs,
        logger: childLogger(logger, { part: 'reconciler' }),
      });
      reconciler.start();

      const endpoints: SandboxEndpoints = {
        pid: process.pid,
        postgres: {
          host: '127.0.0.1',
          port: proxy.port,
          directPort: postgres.port,
          user: postgres.user,
        },
        kubernetes: {
          url: kubernetes.url,
          kubeconfig: paths.kubeconfig,
          caCert: paths.kubernetesCaCert,
        },
        secretsManager: { url: secretsManager.url, region: REGION },
        appsRepo: repo.dir,
        caCert: paths.caCert,
        pgpass: writePostgresClientFiles(paths, postgres),
      };
      writeJsonFile(paths.runtimeFile, endpoints, 0o644);
      logger.info('Sandbox ready', { stateDir: paths.root });
      return new Sandbox(
        paths,
        postgres,
        proxy,
        kubernetes,
        secretsManager,
        repo,
        reconciler,
        endpoints,
        server,
      );
    } catch (e) {
      for (const part of started.reverse()) await part.stop().catch(() => {});
      throw e;
    }
  }

  async stop(): Promise<void> {
    await this.reconciler.stop();
    await this.secretsManager.stop();
    await this.kubernetes.stop();
    await this.proxy.stop();
    await this.server?.stop();
    // sandbox.json stays: the next start reuses its ports, so kubeconfig,
    // secrets' endpoints and printed commands remain valid across restarts.
  }
}

/**
 * The Kubernetes emulator on its port, with the kubeconfig and the CA file
 * written for clients (the CA file serves those configured with URL, token
 * and CA instead of a kubeconfig).
 */
async function startKubernetes(
  options: SandboxOptions,
  paths: SandboxPaths,
  previous: SandboxEndpoints | undefined,
): Promise<KubernetesEmulator> {
  const logger = options.logger ?? silentLogger;
  const tls = persisted<TlsMaterial>(`${paths.root}/emulator-tls.json`, () =>
    generateTlsMaterial(),
  );
  if (options.kubernetesToken) {
    writeJsonFile(
      paths.kubernetesTokenFile,
      { token: options.kubernetesToken },
      0o600,
    );
  }
  const { token } = persisted<{ token: string }>(
    paths.kubernetesTokenFile,
    () => ({ token: randomBytes(24).toString('base64url') }),
  );
  const kubernetes = new KubernetesEmulator({
    store: new KubernetesStore({ file: paths.kubernetesState }),
    token,
    tls,
    databaseResource: options.databaseResource,
    logger: childLogger(logger, { part: 'kubernetes' }),
  });
  await listenFor(
    'kubernetes',
    p => kubernetes.start(p),
    {
      fixed: options.ports?.kubernetes,
      previous: portOf(previous?.kubernetes.url),
    },
    logger,
  );
  writeKubeconfig(paths.kubeconfig, kubernetes.url, token, tls.caCert);
  fs.writeFileSync(paths.kubernetesCaCert, tls.caCert);
  return kubernetes;
}

/**
 * The CA file and libpq's password file, so the printed psql line needs no
 * password in it. Returns the password file's path.
 */
function writePostgresClientFiles(
  paths: SandboxPaths,
  postgres: PostgresConnectionInfo,
): string {
  fs.writeFileSync(paths.caCert, postgres.caCert);
  const pgpass = `${paths.root}/pgpass`;
  const password = postgres.password.replace(/[:\\]/g, m => `\\${m}`);
  fs.writeFileSync(pgpass, `127.0.0.1:*:*:${postgres.user}:${password}\n`, {
    mode: 0o600,
  });
  fs.chmodSync(pgpass, 0o600);
  return pgpass;
}

function portOf(url: string | undefined): number | undefined {
  return url ? Number(new URL(url).port) : undefined;
}

/** Reads a JSON state file, creating it (0600) on first use. */
function persisted<T>(file: string, create: () => T): T {
  const existing = readJsonFile<T>(file);
  if (existing) return existing;
  const value = create();
  writeJsonFile(file, value, 0o600);
  return value;
}
