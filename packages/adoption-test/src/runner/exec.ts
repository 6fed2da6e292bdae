import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** The last `count` lines of a log file, for an error message. */
export function tailOf(file: string, count = 40): string {
  if (!fs.existsSync(file)) return '';
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  return lines.slice(-count).join('\n');
}

/**
 * Runs a command to its end with its output appended to `logFile`; rejects
 * with the log's last lines when it exits with another status than 0.
 */
export function runLogged(
  command: string,
  args: string[],
  logFile: string,
  options: RunOptions,
): Promise<void> {
  fs.appendFileSync(logFile, `\n$ ${[command, ...args].join(' ')}\n`);
  const out = fs.openSync(logFile, 'a');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', out, out],
    });
    child.on('error', error => {
      fs.closeSync(out);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      fs.closeSync(out);
      if (code === 0) {
        resolve();
      } else {
        reject(
          new Error(
            `${command} ${args.join(' ')} exited with ${
              signal ?? code
            }:\n${tailOf(logFile)}`,
          ),
        );
      }
    });
  });
}

/** Runs a short command and returns its standard output; throws with its error output. */
export function capture(
  command: string,
  args: string[],
  options: RunOptions,
): string {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`,
    );
  }
  return result.stdout.trim();
}

/**
 * Starts a long-running command in its own process group, output to
 * `logFile`, so that stopping it reaches everything it started.
 */
export function startGroup(
  command: string,
  args: string[],
  logFile: string,
  options: RunOptions,
): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  return child;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM to the process group, SIGKILL after `graceMs` if any of it still
 * runs; resolves when the whole group is gone.
 */
export async function stopGroup(
  child: ChildProcess,
  graceMs = 20_000,
): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // The group is gone already.
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 250));
  }
  if (groupAlive(pid)) signal('SIGKILL');
}
