import fs from 'node:fs';
import net from 'node:net';

/** True when a process with this pid exists (signal 0 probes without killing). */
export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when `pid` is a running PostgreSQL server. A stale pid file may name a
 * pid the OS has since given to an unrelated process, which must not be killed.
 */
export function isPostgresProcess(pid: number | undefined): boolean {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').includes('postgres');
  } catch {
    // No /proc (not Linux): trust the pid file.
    return true;
  }
}

/** The postmaster's pid from `postmaster.pid` in the data dir, if any. */
export function readPostmasterPid(dataDir: string): number | undefined {
  try {
    const first = fs
      .readFileSync(`${dataDir}/postmaster.pid`, 'utf8')
      .split('\n')[0];
    const pid = Number.parseInt(first, 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stops a server we do not own any more (left by a SIGKILLed run): a fast
 * shutdown request first, then SIGKILL if it does not go within the timeout.
 */
export async function killProcess(pid: number, timeoutMs = 5000) {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 50));
  }
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Asks the OS for a free loopback port, preferring `preferred` if free. */
export async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
  if (preferred) {
    try {
      return await tryListen(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return tryListen(0);
}
