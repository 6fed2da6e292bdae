import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

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

/**
 * A group in the platform admins list of the e2e instance. It starts empty;
 * a test adds the guest to it by rewriting its file, as an org would change
 * its groups, so earlier tests see the guest as an ordinary team member.
 */
export const E2E_PLATFORM_ADMINS = {
  ref: 'group:default/e2e-platform-admins',
  file: (workDir: string) => path.join(workDir, 'platform-admins.yaml'),
  write(workDir: string, members: string[]) {
    fs.writeFileSync(
      this.file(workDir),
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'e2e-platform-admins' },
        spec: { type: 'team', children: [], members },
      }),
    );
  },
};

/** A running dev Backstage with its own, freshly seeded sandbox. */
export interface DevBackstage {
  appUrl: string;
  backendUrl: string;
  /** The sandbox state folder (its apps repo is `apps-repo.git` in it). */
  stateDir: string;
  /** The folder of the run's config and files. */
  workDir: string;
  /** The sandbox's PostgreSQL port, where a port-forward to the proxy would lead. */
  postgresPort: number;
  stop(): Promise<void>;
}

/**
 * Config laid over app-config.yaml: other ports and a throwaway state folder,
 * so every run starts from the seeded demo states; no status caching, so a
 * reload shows the effect of an action at once.
 */
function e2eConfig(
  repoRoot: string,
  workDir: string,
  stateDir: string,
): string {
  const appUrl = `http://localhost:${PORTS.app}`;
  // Config arrays replace rather than merge: repeat app-config's locations.
  const { catalog } = parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  return JSON.stringify({
    app: { baseUrl: appUrl },
    catalog: {
      locations: [
        ...catalog.locations,
        { type: 'file', target: E2E_PLATFORM_ADMINS.file(workDir) },
      ],
    },
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
      // The lifecycle tests make the guest a member of this group midway.
      access: {
        platformAdmins: ['group:default/idp', E2E_PLATFORM_ADMINS.ref],
      },
      clusters: [
        {
          name: 'sandbox',
          // "demo" too, so that demo + dev-orders collides with demo-dev + orders.
          namespaces: ['demo-dev', 'demo-prod', 'demo'],
          kubernetes: {
            auth: 'url',
            url: `https://127.0.0.1:${PORTS.kubernetes}`,
            token: DEV_TOKEN,
            caFile: path.join(stateDir, 'kubernetes-ca.crt'),
          },
          secretsManager: {
            region: 'eu-west-1',
            endpoint: `http://127.0.0.1:${PORTS.secretsManager}`,
            // The sandbox's account in app-config.yaml's aws.accounts.
            accountId: '000000000000',
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
  fs.writeFileSync(
    configFile,
    e2eConfig(options.repoRoot, options.workDir, stateDir),
  );
  E2E_PLATFORM_ADMINS.write(options.workDir, []);
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
    workDir: options.workDir,
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
