import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { isAlive } from '../postgres/processes';
import { ControlAccess, ControlServer } from '../sandbox/ControlServer';
import { Sandbox, SandboxEndpoints } from '../sandbox/Sandbox';
import { readJsonFile, writeJsonFile } from '../state/jsonFile';
import { sandboxPaths } from '../state/sandboxPaths';
import { connectionHelp } from './connectionHelp';
import { stdoutLogger } from './stdoutLogger';

// The package's own bin script, found by package name so it also resolves
// from a build.
const BIN = resolvePackagePath('@jppol-idp/idp-sandbox', 'bin/sandbox');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The running sandbox's endpoints, or undefined when none runs. */
export function runningSandbox(stateDir: string): SandboxEndpoints | undefined {
  const runtime = readJsonFile<SandboxEndpoints>(
    sandboxPaths(stateDir).runtimeFile,
  );
  return runtime && isAlive(runtime.pid) ? runtime : undefined;
}

/** Runs the sandbox in this process until SIGINT/SIGTERM (the daemon's body). */
export async function runForeground(stateDir: string): Promise<void> {
  const logger = stdoutLogger();
  const sandbox = await Sandbox.start({ stateDir, logger });
  const controlServer = new ControlServer(sandbox, logger);
  writeJsonFile(
    `${sandbox.paths.root}/control.json`,
    await controlServer.start(),
    0o600,
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    logger.info('Stopping the sandbox');
    await controlServer.stop();
    await sandbox.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Starts the daemon unless one runs, waits until it is ready, prints how to connect. */
export async function start(stateDir: string): Promise<number> {
  const paths = sandboxPaths(stateDir);
  const existing = runningSandbox(stateDir);
  if (existing) {
    process.stdout.write(`${connectionHelp(paths.root, existing)}\n`);
    return 0;
  }
  fs.mkdirSync(paths.root, { recursive: true, mode: 0o755 });
  const log = fs.openSync(paths.logFile, 'a');
  const child = spawn(
    process.execPath,
    [BIN, 'run', '--state-dir', paths.root],
    {
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  child.unref();
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !exited) {
    const runtime = readJsonFile<SandboxEndpoints>(paths.runtimeFile);
    if (
      runtime &&
      runtime.pid === child.pid &&
      fs.existsSync(`${paths.root}/control.json`)
    ) {
      process.stdout.write(`${connectionHelp(paths.root, runtime)}\n`);
      return 0;
    }
    await sleep(200);
  }
  const tail = fs
    .readFileSync(paths.logFile, 'utf8')
    .split('\n')
    .slice(-30)
    .join('\n');
  process.stderr.write(
    `The sandbox did not start. Last lines of ${paths.logFile}:\n${tail}\n`,
  );
  if (!exited && child.pid) process.kill(child.pid, 'SIGTERM');
  return 1;
}

export async function stop(stateDir: string): Promise<number> {
  const runtime = runningSandbox(stateDir);
  if (!runtime) {
    process.stdout.write('The sandbox is not running.\n');
    return 0;
  }
  process.kill(runtime.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(runtime.pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(runtime.pid)) {
    // Its PostgreSQL is reaped as an orphan by the next start.
    process.kill(runtime.pid, 'SIGKILL');
  }
  fs.rmSync(`${sandboxPaths(stateDir).root}/control.json`, { force: true });
  process.stdout.write('Sandbox stopped.\n');
  return 0;
}

export async function status(stateDir: string): Promise<number> {
  const runtime = runningSandbox(stateDir);
  if (!runtime) {
    process.stdout.write(
      `The sandbox is not running (state in ${sandboxPaths(stateDir).root}).\n`,
    );
    return 3;
  }
  process.stdout.write(
    `${connectionHelp(sandboxPaths(stateDir).root, runtime)}\n`,
  );
  const faults = await control(stateDir, 'GET', '/faults');
  process.stdout.write(`Fault rules: ${JSON.stringify(faults)}\n`);
  return 0;
}

export async function reset(stateDir: string): Promise<number> {
  await stop(stateDir);
  fs.rmSync(sandboxPaths(stateDir).root, { recursive: true, force: true });
  process.stdout.write(`Removed ${sandboxPaths(stateDir).root}.\n`);
  return 0;
}

export async function seed(stateDir: string): Promise<number> {
  if (!runningSandbox(stateDir)) {
    process.stderr.write(
      'The sandbox is not running; run `yarn sandbox start` first.\n',
    );
    return 1;
  }
  const report = (await control(stateDir, 'POST', '/seed')) as {
    alreadySeeded: boolean;
    databases: { namespace: string; name: string; state: string }[];
  };
  if (report.alreadySeeded) {
    process.stdout.write(
      'Demo data is already seeded (`yarn sandbox reset` starts over).\n',
    );
    return 0;
  }
  for (const db of report.databases) {
    process.stdout.write(`${db.namespace}/${db.name}: ${db.state}\n`);
  }
  return 0;
}

async function control(
  stateDir: string,
  method: string,
  route: string,
): Promise<unknown> {
  const access = readJsonFile<ControlAccess>(
    `${sandboxPaths(stateDir).root}/control.json`,
  );
  if (!access) throw new Error('The sandbox control endpoint is not available');
  const response = await fetch(`${access.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${access.token}` },
  });
  const body = await response.json();
  if (!response.ok)
    throw new Error(
      `Sandbox control ${method} ${route} failed: ${JSON.stringify(body)}`,
    );
  return body;
}
