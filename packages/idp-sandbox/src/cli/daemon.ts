import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { isAlive } from '../postgres/processes';
import { ControlServer } from '../sandbox/ControlServer';
import { assertFixedPortsFree } from '../sandbox/ports';
import { Sandbox, SandboxEndpoints } from '../sandbox/Sandbox';
import { readJsonFile, writeJsonFile } from '../state/jsonFile';
import { sandboxPaths } from '../state/sandboxPaths';
import { printConnectionHelp, runningSandbox } from './runningSandbox';
import { CliOptions, optionsAsFlags, TOKEN_ENV } from './options';
import { stdoutLogger } from './stdoutLogger';

// The package's own bin script, found by package name so it also resolves
// from a build.
const BIN = resolvePackagePath('@jppol-idp/idp-sandbox', 'bin/sandbox');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Runs the sandbox in this process until SIGINT/SIGTERM (the daemon's body). */
export async function runForeground(options: CliOptions): Promise<void> {
  const logger = stdoutLogger();
  const sandbox = await Sandbox.start({
    stateDir: options.stateDir,
    logger,
    ports: options.ports,
    kubernetesToken: options.kubernetesToken,
  });
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
export async function start(options: CliOptions): Promise<number> {
  const paths = sandboxPaths(options.stateDir);
  const existing = runningSandbox(paths.root);
  if (existing) return reportExisting(options, existing);
  // Said here and at once; the daemon checks again, as ports can go meanwhile.
  await assertFixedPortsFree(options.ports);
  fs.mkdirSync(paths.root, { recursive: true, mode: 0o755 });
  const logStart = fs.existsSync(paths.logFile)
    ? fs.statSync(paths.logFile).size
    : 0;
  const log = fs.openSync(paths.logFile, 'a');
  const child = spawn(
    process.execPath,
    [BIN, 'run', ...optionsAsFlags({ ...options, stateDir: paths.root })],
    {
      detached: true,
      stdio: ['ignore', log, log],
      env: options.kubernetesToken
        ? { ...process.env, [TOKEN_ENV]: options.kubernetesToken }
        : process.env,
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
      printConnectionHelp(paths.root, runtime);
      return 0;
    }
    await sleep(200);
  }
  if (!exited && child.pid) process.kill(child.pid, 'SIGTERM');
  // Only this start's part of the log: earlier runs' lines would mislead.
  const tail = fs
    .readFileSync(paths.logFile)
    .subarray(logStart)
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .slice(-30)
    .join('\n');
  process.stderr.write(
    `The sandbox did not start (log: ${paths.logFile}):\n${tail}\n`,
  );
  return 1;
}

/** A sandbox already runs on this state: fine, unless it listens elsewhere than asked. */
function reportExisting(options: CliOptions, runtime: SandboxEndpoints) {
  const actual = {
    postgres: runtime.postgres.port,
    kubernetes: Number(new URL(runtime.kubernetes.url).port),
    secretsManager: Number(new URL(runtime.secretsManager.url).port),
  };
  const differ = (Object.keys(actual) as (keyof typeof actual)[]).filter(
    part => options.ports[part] && options.ports[part] !== actual[part],
  );
  if (differ.length) {
    process.stderr.write(
      `A sandbox already runs on ${options.stateDir} (pid ${
        runtime.pid
      }) with other ports: ${differ
        .map(part => `${part} ${actual[part]}, not ${options.ports[part]}`)
        .join('; ')}. Stop it first (\`yarn sandbox stop\`).\n`,
    );
    return 1;
  }
  printConnectionHelp(options.stateDir, runtime);
  return 0;
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
