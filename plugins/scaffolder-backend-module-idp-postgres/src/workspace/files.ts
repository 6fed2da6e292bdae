import fs from 'node:fs/promises';
import path from 'node:path';

/** A file an action intends to write, with its path relative to the workspace for reporting. */
export interface PlannedFile {
  absolutePath: string;
  relativePath: string;
  content: string;
}

/** Reads a file, or returns undefined when it does not exist. */
export async function readOptionalFile(
  absolutePath: string,
): Promise<string | undefined> {
  try {
    return await fs.readFile(absolutePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/**
 * Writes planned files. Actions compute and validate every file before
 * calling this, so a refused input never leaves a half-written folder.
 */
export async function writePlannedFiles(files: PlannedFile[]): Promise<void> {
  for (const file of files) {
    await fs.mkdir(path.dirname(file.absolutePath), { recursive: true });
    await fs.writeFile(file.absolutePath, file.content, 'utf8');
  }
}
