import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  hasControlCharacter,
  printable,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import path from 'node:path';

/**
 * Resolves a path given in an action's input to a location inside the
 * workspace. Absolute paths and `..` segments are refused outright, even
 * when they would land inside the workspace, because in a template they are
 * a mistake or an attack. `resolveSafeChildPath` follows symbolic links, so
 * what it still refuses after that is a link leading out of the workspace.
 *
 * @param field - the input's name, for the error message
 */
export function resolveWorkspacePath(
  workspacePath: string,
  relativePath: string,
  field: string,
): string {
  const problem = relativePathProblem(relativePath);
  if (problem) {
    throw new InputError(`${field} "${shown(relativePath)}" ${problem}.`);
  }
  try {
    return resolveSafeChildPath(workspacePath, relativePath);
  } catch {
    throw new InputError(
      `${field} "${shown(
        relativePath,
      )}" leads outside the workspace through a symbolic link.`,
    );
  }
}

/** Paths longer than this are refused before anything reads them. */
const MAX_PATH_LENGTH = 1024;

function relativePathProblem(value: string): string | undefined {
  if (value.trim() === '') {
    return 'must not be empty';
  }
  if (value.length > MAX_PATH_LENGTH) {
    return `is ${value.length} characters long; the limit is ${MAX_PATH_LENGTH}`;
  }
  if (hasControlCharacter(value)) {
    return 'contains control characters';
  }
  if (path.isAbsolute(value) || value.startsWith('~')) {
    return 'must be relative to the workspace, not absolute';
  }
  if (value.split(/[\\/]/).includes('..')) {
    return 'must not contain ".." segments';
  }
  return undefined;
}

/** A user's value for a message: escaped, and cut so a huge paste cannot flood the log. */
export function shown(value: string, max = 120): string {
  const text = printable(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
