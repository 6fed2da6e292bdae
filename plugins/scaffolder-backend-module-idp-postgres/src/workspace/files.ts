import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A file an action intends to write, with its path relative to the workspace for reporting. */
export interface PlannedFile {
  absolutePath: string;
  relativePath: string;
  content: string;
}

/** A file an action intends to delete from the workspace. */
export interface PlannedDeletion {
  absolutePath: string;
  relativePath: string;
}

/**
 * Reads a file, or returns undefined when it does not exist. A folder where
 * a file is expected is refused: reading it would fail with EISDIR, which
 * says nothing to the person running the template.
 */
export async function readOptionalFile(
  absolutePath: string,
  relativePath: string,
): Promise<string | undefined> {
  try {
    return await fs.readFile(absolutePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return undefined;
    }
    if (code === 'EISDIR') {
      throw new InputError(`${relativePath} is a folder, not a file.`);
    }
    throw error;
  }
}

/**
 * Writes planned files and deletes planned deletions. Actions compute and
 * validate every change before calling this, so a refused input never
 * leaves a half-edited folder.
 */
export async function applyPlannedChanges(
  files: PlannedFile[],
  deletions: PlannedDeletion[] = [],
): Promise<void> {
  for (const file of files) {
    await fs.mkdir(path.dirname(file.absolutePath), { recursive: true });
    await fs.writeFile(file.absolutePath, file.content, 'utf8');
  }
  for (const file of deletions) {
    await fs.rm(file.absolutePath, { force: true });
  }
}
