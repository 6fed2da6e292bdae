import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Ports apart from `yarn start`'s, so the tests run beside a developer's instance. */
const PORTS = {
  app: 3100,
  backend: 7107,
  postgres: 55532,
  kubernetes: 56543,
  secretsManager: 54666,
};
const READY_TIMEOUT_MS = 300_000;
const DEV_TOKEN = 'idp-sandbox-e2e-dev-only-token';

/** A running dev Backstage with its own, freshly seeded sandbox. */
export interface DevBackstage {
  appUrl: string;
  backendUrl: string;
  /** The sandbox state folder (its apps repo is `apps-repo.git` in it). */
  stateDir: string;
  /** The sandbox's PostgreSQL port, where a port-forward to the proxy would lead. */
  postgresPort: number;
  stop(): Promise<void>;
}

/**
 * Config laid over app-config.yaml: other ports and a throwaway state folder,
 * so every run starts from the seeded demo states; no status caching, so a
 * reload shows the effect of an action at once.
 */
function e2eConfig(stateDir: string): string {
  const appUrl = `http://localhost:${PORTS.app}`;
  return JSON.stringify({
    app: { baseUrl: appUrl },
    backend: {
      baseUrl: `http://localhost:${PORTS.backend}`,
      listen: { port: PORTS.backend },
      cors: { origin: appUrl },
    },
    idpPostgres: {
      sandbox: {
        stateDir,
        ports: {
          postgres: PORTS.postgres,
          kubernetes: PORTS.kubernetes,
          secretsManager: PORTS.secretsManager,
        },
        kubernetesToken: DEV_TOKEN,
      },
      cacheTtlSeconds: 0,
      clusters: [
        {
          name: 'sandbox',
          namespaces: ['demo-dev', 'demo-prod'],
          kubernetes: {
            auth: 'url',
            url: `https://127.0.0.1:${PORTS.kubernetes}`,
            token: DEV_TOKEN,
            caFile: path.join(stateDir, 'kubernetes-ca.crt'),
          },
          secretsManager: {
            region: 'eu-west-1',
            endpoint: `http://127.0.0.1:${PORTS.secretsManager}`,
            credentials: {
              accessKeyId: 'idp-sandbox',
              secretAccessKey: 'idp-sandbox-dev-only',
            },
          },
          postgres: {
            host: '127.0.0.1',
            port: PORTS.postgres,
            ssl: {
              mode: 'verify-full',
              caFile: path.join(stateDir, 'ca.crt'),
            },
          },
        },
      ],
    },
  });
}

async function isUp(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise(resolve => {
    if (child.exitCode !== null || !child.pid) {
      resolve();
      return;
    }
    const kill = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    // The whole group: yarn, the CLI, the backend and its PostgreSQL.
    process.kill(-child.pid, 'SIGTERM');
  });
}

/**
 * Starts `backstage-cli repo start` (frontend and backend) from the repo root
 * in its own process group, and resolves when both answer.
 */
export async function startDevBackstage(options: {
  repoRoot: string;
  workDir: string;
  logFile: string;
}): Promise<DevBackstage> {
  const stateDir = path.join(options.workDir, 'sandbox');
  const configFile = path.join(options.workDir, 'app-config.e2e.yaml');
  fs.mkdirSync(options.workDir, { recursive: true });
  fs.writeFileSync(configFile, e2eConfig(stateDir));
  const log = fs.openSync(options.logFile, 'w');
  const child = spawn(
    'yarn',
    [
      'backstage-cli',
      'repo',
      'start',
      '--config',
      path.join(options.repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: options.repoRoot,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, BROWSER: 'none' },
    },
  );
  const backstage: DevBackstage = {
    appUrl: `http://localhost:${PORTS.app}`,
    backendUrl: `http://localhost:${PORTS.backend}`,
    stateDir,
    postgresPort: PORTS.postgres,
    stop: () => stopGroup(child),
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`yarn start exited early; see ${options.logFile}`);
    }
    if (
      (await isUp(`${backstage.backendUrl}/api/idp-postgres/health`)) &&
      (await isUp(backstage.appUrl))
    ) {
      return backstage;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  await backstage.stop();
  throw new Error(`Backstage was not ready in time; see ${options.logFile}`);
}
