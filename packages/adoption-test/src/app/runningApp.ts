import fs from 'node:fs';
import { startGroup, stopGroup, tailOf } from '../runner/exec';

const READY_TIMEOUT_MS = 8 * 60_000;

/**
 * What the backend logs when it gives up starting; `yarn start` then waits
 * for a file to change instead of exiting, so the log is the signal.
 */
const STARTUP_FAILED = /Backend startup failed[^\n]*(\n\s+Plugin[^\n]*)*/;

/** The adopted app, started as the README says, on the test's ports. */
export interface RunningApp {
  appUrl: string;
  backendUrl: string;
  stop(): Promise<void>;
}

async function isUp(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/**
 * Runs the README's start block (`yarn start`: frontend and backend) in the
 * app's folder and its own process group, and resolves when both answer.
 * Only the ports differ from what the README does: they come from
 * `APP_CONFIG_*` variables, which Backstage lays over the app's config, so
 * the test runs beside a `yarn start` on 3000/7007.
 */
export async function startApp(options: {
  script: string;
  appDir: string;
  env: NodeJS.ProcessEnv;
  ports: { app: number; backend: number };
  logFile: string;
}): Promise<RunningApp> {
  const appUrl = `http://localhost:${options.ports.app}`;
  const backendUrl = `http://localhost:${options.ports.backend}`;
  const child = startGroup(
    'bash',
    ['-e', '-c', options.script],
    options.logFile,
    {
      cwd: options.appDir,
      env: {
        ...options.env,
        BROWSER: 'none',
        APP_CONFIG_app_baseUrl: appUrl,
        APP_CONFIG_backend_baseUrl: backendUrl,
        APP_CONFIG_backend_listen_port: String(options.ports.backend),
        APP_CONFIG_backend_cors_origin: appUrl,
      },
    },
  );
  const app: RunningApp = { appUrl, backendUrl, stop: () => stopGroup(child) };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The app stopped with ${child.exitCode}:\n${tailOf(options.logFile)}`,
      );
    }
    const failed = STARTUP_FAILED.exec(
      fs.readFileSync(options.logFile, 'utf8'),
    );
    if (failed) {
      await app.stop();
      throw new Error(failed[0]);
    }
    if (
      (await isUp(`${backendUrl}/api/idp-postgres/health`)) &&
      (await isUp(appUrl))
    ) {
      return app;
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  await app.stop();
  throw new Error(
    `The app did not answer within ${
      READY_TIMEOUT_MS / 60_000
    } minutes:\n${tailOf(options.logFile)}`,
  );
}
