import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PostgresDistribution, postgresProgram } from './postgresDistribution';
import { OsUser } from './rootPermissions';

/** How to run the distribution's programs on one cluster. */
export interface ClusterRun {
  distribution: PostgresDistribution;
  dataDir: string;
  /** The OS user to run as (as root: `postgres`); ourselves when absent. */
  runAs?: OsUser;
  /** Each chunk of the programs' output. */
  onOutput(text: string): void;
}

const READY_TIMEOUT_MS = 60_000;

function spawnProgram(
  run: ClusterRun,
  name: 'postgres' | 'initdb',
  args: string[],
) {
  const child = spawn(postgresProgram(run.distribution, name), args, {
    ...(run.runAs ?? {}),
    // Our working folder may be one the server's user cannot enter.
    cwd: path.dirname(run.dataDir),
    // The server log is only read for errors; English keeps it searchable.
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', chunk => run.onOutput(chunk.toString('utf8')));
  child.stderr?.on('data', chunk => run.onOutput(chunk.toString('utf8')));
  return child;
}

/**
 * `initdb` with the superuser's password from a 0600 file next to the data
 * folder (where the server's user can read it, unlike a private temp folder),
 * removed right after.
 */
export async function initCluster(
  run: ClusterRun,
  superuser: { user: string; password: string },
): Promise<void> {
  const pwfile = path.join(
    path.dirname(run.dataDir),
    `.initdb-${randomBytes(6).toString('hex')}`,
  );
  fs.writeFileSync(pwfile, `${superuser.password}\n`, { mode: 0o600 });
  if (run.runAs) fs.chownSync(pwfile, run.runAs.uid, run.runAs.gid);
  try {
    const child = spawnProgram(run, 'initdb', [
      `--pgdata=${run.dataDir}`,
      '--auth=scram-sha-256',
      `--username=${superuser.user}`,
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--lc-messages=C',
      '--no-instructions',
    ]);
    const [code, signal] = await exited(child);
    if (code !== 0) {
      throw new Error(`initdb failed (exit code ${code ?? signal})`);
    }
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/**
 * Starts the server and resolves once it accepts connections, which it
 * announces in `postmaster.pid` (status `ready`, whatever the log language).
 * Rejects when it exits first; the reason is in its output.
 */
export async function startServer(
  run: ClusterRun,
  port: number,
  flags: string[],
): Promise<ChildProcess> {
  const child = spawnProgram(run, 'postgres', [
    '-D',
    run.dataDir,
    '-p',
    String(port),
    ...flags,
  ]);
  const stopOnExit = () => child.kill('SIGINT');
  process.on('exit', stopOnExit);
  child.once('exit', () => process.off('exit', stopOnExit));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const ended = exited(child);
  let gone: [number | null, NodeJS.Signals | null] | undefined;
  ended.then(
    result => (gone = result),
    () => (gone = [null, null]),
  );
  while (!gone && !isReady(run.dataDir, child.pid)) {
    if (Date.now() > deadline) {
      await stopServer(child);
      throw new Error(`PostgreSQL was not ready within ${READY_TIMEOUT_MS} ms`);
    }
    await new Promise(r => setTimeout(r, 25));
  }
  if (gone) {
    await ended; // surfaces a spawn error (EACCES) rather than an exit code
    throw new Error(
      `PostgreSQL exited during start-up (exit code ${gone[0] ?? gone[1]})`,
    );
  }
  return child;
}

/** A fast shutdown (SIGINT); SIGKILL when it does not end within the timeout. */
export async function stopServer(child: ChildProcess, timeoutMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const ended = exited(child).catch(() => undefined);
  child.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>(resolve => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const result = await Promise.race([ended, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') {
    child.kill('SIGKILL');
    await ended;
  }
}

function exited(child: ChildProcess) {
  return new Promise<[number | null, NodeJS.Signals | null]>(
    (resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve([child.exitCode, child.signalCode]);
        return;
      }
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve([code, signal]));
    },
  );
}

/** `postmaster.pid` line 8 is the server's status (PostgreSQL 10 and later). */
function isReady(dataDir: string, pid: number | undefined): boolean {
  try {
    const lines = fs
      .readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8')
      .split('\n');
    return Number(lines[0]) === pid && lines[7]?.trim() === 'ready';
  } catch {
    return false;
  }
}
