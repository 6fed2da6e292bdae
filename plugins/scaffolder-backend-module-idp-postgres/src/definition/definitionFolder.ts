import { InputError } from '@backstage/errors';
import path from 'node:path';
import { resolveWorkspacePath, shown } from '../workspace/paths';

/**
 * Folder names inside a namespace folder. A leading dot is refused so that
 * `.github/workflows` and other tooling folders can never become a target.
 */
const FOLDER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** One file of a definition folder, relative to the workspace and resolved inside it. */
export interface WorkspaceFile {
  relativePath: string;
  absolutePath: string;
}

/** The three files of a definition folder. */
export interface DefinitionFiles {
  folder: WorkspaceFile;
  values: WorkspaceFile;
  application: WorkspaceFile;
  catalog: WorkspaceFile;
}

/**
 * Checks that a target folder follows the apps repo layout,
 * `<namespace>/<folder>/values.yaml`, inside the database's own namespace:
 * ArgoCD deploys a folder into the namespace it sits in, so a definition
 * anywhere else would create the database in the wrong place or not at all.
 * Returns the folder as `<namespace>/<folder>`.
 */
export function assertDefinitionFolderPath(
  targetPath: string,
  namespace: string,
  field = 'targetPath',
): string {
  const segments = targetPath.split('/');
  const [first, folder] = segments;
  const layout = `the apps repo layout is <namespace>/<folder>/values.yaml, so use "${namespace}/<folder>"`;
  if (segments.length !== 2 || first !== namespace) {
    throw new InputError(
      `${field} "${shown(
        targetPath,
      )}" is not a folder directly inside the namespace folder "${namespace}"; ${layout}.`,
    );
  }
  if (!FOLDER_NAME_PATTERN.test(folder)) {
    throw new InputError(
      `${field} "${shown(
        targetPath,
      )}": the folder name must start with a letter or digit and hold only letters, digits, ".", "_" and "-" (at most 63 characters); ${layout}.`,
    );
  }
  return `${namespace}/${folder}`;
}

/** True for a folder name a definition folder may have. */
export function isDefinitionFolderName(name: string): boolean {
  return FOLDER_NAME_PATTERN.test(name);
}

/**
 * Resolves a definition folder of a namespace and its files inside the
 * workspace. Each file is resolved on its own because any of them may be a
 * symbolic link out of the workspace.
 */
export function definitionFiles(
  workspacePath: string,
  targetPath: string,
  namespace: string,
  field = 'targetPath',
): DefinitionFiles {
  // The generic path checks (.., absolute, links out) come first: their messages are the most precise.
  const absoluteFolder = resolveWorkspacePath(workspacePath, targetPath, field);
  const folderPath = assertDefinitionFolderPath(targetPath, namespace, field);
  const folder = { relativePath: folderPath, absolutePath: absoluteFolder };
  const file = (base: string): WorkspaceFile => {
    const relativePath = path.posix.join(folderPath, base);
    return {
      relativePath,
      absolutePath: resolveWorkspacePath(workspacePath, relativePath, 'File'),
    };
  };
  return {
    folder,
    values: file('values.yaml'),
    application: file('application.yaml'),
    catalog: file('catalog-info.yaml'),
  };
}
