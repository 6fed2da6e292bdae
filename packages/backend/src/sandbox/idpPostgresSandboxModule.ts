import fs from 'node:fs';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  ControlServer,
  Sandbox,
  SandboxEndpoints,
  sandboxPaths,
  seedDemoData,
} from '@jppol-idp/idp-sandbox';
import { DevSandboxConfig, readDevSandboxConfig } from './devSandboxConfig';
import { sandboxLogger } from './sandboxLogger';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A sandbox another process runs on the same state folder (`yarn sandbox start`). */
function sandboxOfAnotherProcess(
  stateDir: string,
): SandboxEndpoints | undefined {
  const file = sandboxPaths(stateDir).runtimeFile;
  if (!fs.existsSync(file)) return undefined;
  const runtime = JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxEndpoints;
  return runtime.pid !== process.pid && isAlive(runtime.pid)
    ? runtime
    : undefined;
}

function listensWhereConfigured(
  runtime: SandboxEndpoints,
  ports: DevSandboxConfig['ports'],
): boolean {
  const portOf = (url: string) => Number(new URL(url).port);
  return (
    (!ports.postgres || runtime.postgres.port === ports.postgres) &&
    (!ports.kubernetes ||
      portOf(runtime.kubernetes.url) === ports.kubernetes) &&
    (!ports.secretsManager ||
      portOf(runtime.secretsManager.url) === ports.secretsManager)
  );
}

/**
 * Starts the sandbox platform inside the dev backend, before the
 * idp-postgres plugin (a plugin's modules initialise first, so the CA file
 * and the emulators exist when the plugin reads its cluster config), seeds it
 * on first start and stops it on shutdown. A sandbox already started with
 * `yarn sandbox start` on the same ports is used as it is.
 */
export const idpPostgresSandboxModule = createBackendModule({
  pluginId: 'idp-postgres',
  moduleId: 'dev-sandbox',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger: backendLogger, lifecycle }) {
        const logger = sandboxLogger(backendLogger);
        const options = readDevSandboxConfig(config);
        const other = sandboxOfAnotherProcess(options.stateDir);
        if (other) {
          if (!listensWhereConfigured(other, options.ports)) {
            throw new Error(
              `A sandbox started by process ${other.pid} uses ${options.stateDir} on other ports than idpPostgres.sandbox.ports; stop it with \`yarn sandbox stop\`.`,
            );
          }
          logger.info('Using the sandbox that is already running', {
            pid: other.pid,
          });
          return;
        }
        const started = Date.now();
        const sandbox = await Sandbox.start({
          stateDir: options.stateDir,
          logger,
          ports: options.ports,
          kubernetesToken: options.kubernetesToken,
        });
        const control = new ControlServer(sandbox, logger);
        // Lets `yarn sandbox status|seed` reach the sandbox inside the backend.
        fs.writeFileSync(
          `${sandbox.paths.root}/control.json`,
          JSON.stringify(await control.start()),
          { mode: 0o600 },
        );
        lifecycle.addShutdownHook(async () => {
          await control.stop();
          await sandbox.stop();
          fs.rmSync(`${sandbox.paths.root}/control.json`, { force: true });
        });
        const seed = await seedDemoData(sandbox, logger);
        logger.info(
          seed.alreadySeeded
            ? 'Sandbox ready (seeded before)'
            : `Sandbox ready and seeded with ${seed.databases.length} demo databases`,
          { stateDir: sandbox.paths.root, ms: Date.now() - started },
        );
      },
    });
  },
});
