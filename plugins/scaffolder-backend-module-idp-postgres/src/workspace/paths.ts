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
    throw new InputError(`${field} "${printable(relativePath)}" ${problem}.`);
  }
  try {
    return resolveSafeChildPath(workspacePath, relativePath);
  } catch {
    throw new InputError(
      `${field} "${printable(
        relativePath,
      )}" leads outside the workspace through a symbolic link.`,
    );
  }
}

function relativePathProblem(value: string): string | undefined {
  if (value.trim() === '') {
    return 'must not be empty';
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
