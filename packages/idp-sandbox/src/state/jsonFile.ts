import fs from 'node:fs';
import path from 'node:path';

/** Reads a JSON file, or returns undefined when it does not exist. */
export function readJsonFile<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Writes JSON atomically (temp file + rename) so a crash mid-write never
 * leaves half a state file behind. `mode` 0600 is for files holding secrets.
 */
export function writeJsonFile(file: string, value: unknown, mode = 0o600) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode });
  fs.renameSync(tmp, file);
}
