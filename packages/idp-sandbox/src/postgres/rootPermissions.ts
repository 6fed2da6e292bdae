import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PostgreSQL refuses to run as root; as root it runs as this OS user. */
export const POSTGRES_OS_USER = 'postgres';

/** An OS user the server's processes run as. */
export interface OsUser {
  uid: number;
  gid: number;
}

/** True when this process runs as root (the server then runs as `postgres`). */
export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** uid and gid of the `postgres` OS user, when it exists. */
export async function postgresUserIds(): Promise<OsUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', POSTGRES_OS_USER]),
      run('id', ['-g', POSTGRES_OS_USER]),
    ]);
    return {
      uid: Number.parseInt(uid.stdout, 10),
      gid: Number.parseInt(gid.stdout, 10),
    };
  } catch {
    return undefined;
  }
}

/**
 * The `postgres` OS user, created as a system user without a home when
 * missing (containers that run everything as root have none).
 */
export async function ensurePostgresUser(): Promise<OsUser> {
  const existing = await postgresUserIds();
  if (existing) return existing;
  try {
    await run('groupadd', ['-f', '--system', POSTGRES_OS_USER]);
    await run('useradd', [
      '--system',
      '--gid',
      POSTGRES_OS_USER,
      '--no-create-home',
      POSTGRES_OS_USER,
    ]);
  } catch (error) {
    throw new Error(
      `Running as root, the sandbox PostgreSQL needs an OS user '${POSTGRES_OS_USER}', and creating it failed: ${error}`,
    );
  }
  const created = await postgresUserIds();
  if (!created)
    throw new Error(`Could not create the OS user '${POSTGRES_OS_USER}'`);
  return created;
}

/**
 * Whether `user` can reach `target`: enter every folder above it, and enter
 * it (a folder) or execute it (a file). Asked of the OS as that user, so
 * ACLs and group rights count as they will for the server.
 */
export function canReach(user: OsUser, target: string): boolean {
  const result = spawnSync('test', ['-x', target], {
    uid: user.uid,
    gid: user.gid,
    // Our own working folder and PATH may hold folders the user cannot enter.
    cwd: '/',
    env: { PATH: '/usr/bin:/bin' },
    stdio: 'ignore',
  });
  if (result.error) throw result.error;
  return result.status === 0;
}
