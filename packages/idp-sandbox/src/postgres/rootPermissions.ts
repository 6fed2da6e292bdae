import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PostgreSQL refuses to run as root; as root it runs as this OS user. */
export const POSTGRES_OS_USER = 'postgres';

/** True when this process runs as root (the server then runs as `postgres`). */
export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** uid and gid of the `postgres` OS user, when it exists. */
export async function postgresUserIds(): Promise<
  { uid: number; gid: number } | undefined
> {
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
 * As root the server runs as `postgres`, which must be able to enter every
 * folder above its data dir and its binaries. A folder such as `/root` (0700)
 * otherwise fails much later with an obscure initdb error, so say it early.
 */
export function assertTraversableByOthers(target: string) {
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    const stat = fs.statSync(dir);
    if ((stat.mode & 0o001) === 0) {
      throw new Error(
        `The ${POSTGRES_OS_USER} user cannot enter ${dir} (mode ${(
          stat.mode & 0o777
        ).toString(8)}), which it needs to reach ${target}. ` +
          `Run 'chmod o+x ${dir}' or choose a state folder outside it.`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}
