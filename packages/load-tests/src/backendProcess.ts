import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { findWorkspaceRoot } from '@jppol-idp/idp-sandbox';
import { sleep } from './figures';
import type { Platform } from './platform';
import { PORTS } from './ports';

/**
 * The external caller the tests act as; restore allows it by name. Static
 * tokens take their subject as it is, so it carries the `external:` prefix
 * that JWKS tokens get.
 */
const SUBJECT = 'external:load-tests';
const READY_TIMEOUT_MS = 240_000;

/** A line of the backend's JSON log. */
export type LogEntry = { message?: string } & Record<string, unknown>;

export interface BackendOptions {
  name: string;
  port: number;
  platform: Platform;
  /** Shares Backstage's cache through this redis; each process alone without. */
  redisPort?: number;
  /** Keys laid over the `idpPostgres` block of this run. */
  idpPostgres?: Record<string, unknown>;
}

/**
 * The config laid over app-config.yaml. Secrets (the database password, the
 * API token, the emulator token) are `${VAR}` substitutions, so they are in
 * the backend's environment only, never in a file.
 */
function overlay(options: BackendOptions): object {
  const { platform, port } = options;
  const db = platform.backstageDatabase();
  const stateDir = platform.stateDir;
  return {
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      database: {
        client: 'pg',
        connection: {
          host: db.host,
          port: db.port,
          user: db.user,
          password: '${LOAD_TESTS_DB_PASSWORD}',
          ssl: { ca: db.caCert },
        },
      },
      ...(options.redisPort
        ? {
            cache: {
              store: 'redis',
              connection: `redis://127.0.0.1:${options.redisPort}`,
            },
          }
        : {}),
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: '${LOAD_TESTS_API_TOKEN}', subject: SUBJECT },
          },
        ],
      },
    },
    idpPostgres: {
      sandbox: {
        enabled: true,
        stateDir,
        ports: { ...PORTS.sandbox },
        kubernetesToken: '${LOAD_TESTS_KUBERNETES_TOKEN}',
      },
      access: { serviceSubjects: [SUBJECT] },
      clusters: [
        {
          name: 'sandbox',
          namespaces: ['demo-dev', 'demo-prod'],
          kubernetes: {
            auth: 'url',
            url: `https://127.0.0.1:${PORTS.sandbox.kubernetes}`,
            token: '${LOAD_TESTS_KUBERNETES_TOKEN}',
            caFile: path.join(stateDir, 'kubernetes-ca.crt'),
          },
          secretsManager: {
            region: 'eu-west-1',
            endpoint: `http://127.0.0.1:${PORTS.sandbox.secretsManager}`,
            // The sandbox's account in app-config.yaml's aws.accounts.
            accountId: '000000000000',
          },
          postgres: {
            host: '127.0.0.1',
            port: PORTS.sandbox.postgres,
            ssl: {
              mode: 'verify-full',
              caFile: path.join(stateDir, 'ca.crt'),
            },
          },
        },
      ],
      ...options.idpPostgres,
    },
  };
}

/**
 * A dev backend (`packages/backend`) in a process of its own, started from
 * source with Backstage's Node transform and no file watching, in
 * production mode, logging JSON lines to a file.
 */
export class BackendProcess {
  /** The bearer token the tests call the API with; per process, random. */
  readonly token = randomBytes(24).toString('base64url');
  readonly url: string;
  readonly logFile: string;
  /** How long the start took, until the plugin answered. */
  startMs = 0;
  private child?: ChildProcess;
  /** Log entries read so far, stamped when read: production logs carry no time. */
  private readonly entries: Array<{ at: number; entry: LogEntry }> = [];
  private logOffset = 0;
  private logTimer?: NodeJS.Timeout;

  constructor(private readonly options: BackendOptions) {
    this.url = `http://localhost:${options.port}`;
    this.logFile = path.join(
      options.platform.workDir,
      `backend-${options.name}.log`,
    );
  }

  get pid(): number {
    return this.child!.pid!;
  }

  async start(): Promise<void> {
    const repoRoot = findWorkspaceRoot();
    const { workDir } = this.options.platform;
    const configFile = path.join(
      workDir,
      `app-config.${this.options.name}.json`,
    );
    fs.writeFileSync(configFile, JSON.stringify(overlay(this.options)));
    const log = fs.openSync(this.logFile, 'w');
    const started = Date.now();
    this.child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        path.join(repoRoot, 'app-config.yaml'),
        '--config',
        configFile,
      ],
      {
        // app-config.yaml names catalog files relative to the backend package.
        cwd: path.join(repoRoot, 'packages', 'backend'),
        detached: true,
        stdio: ['ignore', log, log],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          LOAD_TESTS_DB_PASSWORD:
            this.options.platform.backstageDatabase().password,
          LOAD_TESTS_API_TOKEN: this.token,
          LOAD_TESTS_KUBERNETES_TOKEN: this.options.platform.kubernetesToken,
        },
      },
    );
    fs.closeSync(log);
    this.logTimer = setInterval(() => this.readLog(), 100);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(
          `Backend ${this.options.name} exited early; see ${this.logFile}`,
        );
      }
      try {
        if ((await fetch(`${this.url}/api/idp-postgres/health`)).ok) {
          this.startMs = Date.now() - started;
          return;
        }
      } catch {
        // Not listening yet.
      }
      await sleep(500);
    }
    await this.stop();
    throw new Error(
      `Backend ${this.options.name} was not ready in time; see ${this.logFile}`,
    );
  }

  /** Calls the plugin's API as the tests' external caller. */
  api(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}/api/idp-postgres${pathAndQuery}`, {
      ...init,
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
  }

  /** The process's resident memory, from /proc. */
  rssBytes(): number {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
    return kb * 1024;
  }

  /** The JSON log entries with this message so far, with when they were written (±0.1 s). */
  logEntries(message: string): Array<{ at: number; entry: LogEntry }> {
    this.readLog();
    return this.entries.filter(e => e.entry.message === message);
  }

  private readLog() {
    const fd = fs.openSync(this.logFile, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (size <= this.logOffset) return;
      const chunk = Buffer.alloc(size - this.logOffset);
      fs.readSync(fd, chunk, 0, chunk.length, this.logOffset);
      const text = chunk.toString('utf8');
      // Only whole lines; the rest is read next time.
      const end = text.lastIndexOf('\n') + 1;
      this.logOffset += Buffer.byteLength(text.slice(0, end));
      const now = Date.now();
      for (const line of text.slice(0, end).split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          this.entries.push({ at: now, entry: JSON.parse(line) });
        } catch {
          // Not a log entry (a stack trace printed by a dependency).
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Stops the backend (its whole process group) and keeps its log in `artifacts/load-tests/`. */
  async stop(): Promise<void> {
    clearInterval(this.logTimer);
    await this.terminate();
    if (fs.existsSync(this.logFile)) {
      const kept = path.join(findWorkspaceRoot(), 'artifacts', 'load-tests');
      fs.mkdirSync(kept, { recursive: true });
      fs.copyFileSync(
        this.logFile,
        path.join(kept, path.basename(this.logFile)),
      );
    }
  }

  private terminate(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || !child.pid) {
      return Promise.resolve();
    }
    return new Promise(resolve => {
      const kill = setTimeout(
        () => process.kill(-child.pid!, 'SIGKILL'),
        15_000,
      );
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      process.kill(-child.pid!, 'SIGTERM');
    });
  }
}
