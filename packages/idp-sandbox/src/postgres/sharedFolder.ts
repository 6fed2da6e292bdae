import fs from 'node:fs';

/**
 * A folder that others (the `postgres` user) may enter but only we may
 * write, created if missing. Binaries and clusters placed under it run as
 * that user, so a folder someone else made or can write to is refused:
 * in a shared place such as /var/tmp it could hold planted files.
 */
export function ensureSharedReadOnlyFolder(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const stat = fs.lstatSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) {
    throw new Error(
      `Refusing to use ${dir} for the sandbox PostgreSQL: it is not a folder owned by uid ${uid}. Remove it or choose another folder.`,
    );
  }
  if ((stat.mode & 0o777) !== 0o755) fs.chmodSync(dir, 0o755);
  return dir;
}
