import { ConflictError, isError, NotFoundError } from '@backstage/errors';
import {
  assertValidDatabaseRef,
  CHART_NAME,
  DatabaseEntry,
  DatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { readOptionalFile } from '../workspace/files';
import { resolveWorkspacePath } from '../workspace/paths';
import { parseYamlFile, UnsafeYamlError } from '../yaml/document';
import { chartVersionOfApplication } from './chartFiles';
import { readDatabaseEntries } from './databaseEntries';
import {
  DefinitionFiles,
  definitionFiles,
  isDefinitionFolderName,
} from './definitionFolder';

/** A definition folder as read from the workspace. */
export interface DefinitionFolder {
  files: DefinitionFiles;
  valuesText: string;
  applicationText: string;
  /** Undefined when the folder has no catalog-info.yaml. */
  catalogText?: string;
  /** `helm.chartVersion` of application.yaml. */
  chartVersion: string;
  /** Every database the folder defines, in order. */
  databases: DatabaseEntry[];
  /** What application.yaml says, for re-creating the folder. */
  application: { slackChannel?: string; description?: string };
}

/** The folder that defines one database, and that database's entry. */
export interface DatabaseDefinition extends DefinitionFolder {
  entry: DatabaseEntry;
}

function helmChartOf(applicationText: string, displayPath: string): unknown {
  const app = parseYamlFile(applicationText, displayPath).toJS() as {
    helm?: { chart?: unknown };
  } | null;
  return app?.helm?.chart;
}

/**
 * Reads a definition folder: both chart files must be there and
 * application.yaml must deploy our chart. Missing files are a NotFoundError,
 * another chart a ConflictError, a file that is not YAML an InputError.
 */
export async function readDefinitionFolder(
  files: DefinitionFiles,
): Promise<DefinitionFolder> {
  const { values, application, catalog } = files;
  const applicationText = await readOptionalFile(
    application.absolutePath,
    application.relativePath,
  );
  const valuesText = await readOptionalFile(
    values.absolutePath,
    values.relativePath,
  );
  if (applicationText === undefined || valuesText === undefined) {
    throw new NotFoundError(
      `${files.folder.relativePath} is not a database definition folder: it needs values.yaml and application.yaml.`,
    );
  }
  const chartVersion = chartVersionOfApplication(
    applicationText,
    application.relativePath,
  );
  const app = parseYamlFile(applicationText, application.relativePath).toJS();
  const asString = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    files,
    valuesText,
    applicationText,
    catalogText: await readOptionalFile(
      catalog.absolutePath,
      catalog.relativePath,
    ),
    chartVersion,
    databases: readDatabaseEntries(valuesText, values.relativePath),
    application: {
      slackChannel: asString(app?.slackChannel),
      description: asString(app?.description),
    },
  };
}

async function namespaceFolders(
  workspacePath: string,
  namespace: string,
): Promise<Dirent[]> {
  const dir = resolveWorkspacePath(workspacePath, namespace, 'namespace');
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries
      .filter(e => e.isDirectory() && isDefinitionFolderName(e.name))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new NotFoundError(
        `The workspace has no folder "${namespace}": fetch the namespace folder of the apps repo into "${namespace}" first (fetch:plain).`,
      );
    }
    throw error;
  }
}

/** Folders read at once while looking for a database. */
const FOLDER_READS_AT_ONCE = 16;
/** Values files up to this size are glanced at before their folder is checked. */
const GLANCE_MAX_BYTES = 1024 * 1024;

/**
 * The folder's definition of the database, undefined when the folder does
 * not define it, or why a folder of our chart that may define it could not
 * be read.
 */
async function readIfDefines(
  workspacePath: string,
  folderPath: string,
  ref: DatabaseRef,
): Promise<DatabaseDefinition | { unreadable: string } | undefined> {
  // Names are DNS labels, which YAML writes as they are (plain or quoted),
  // so a values file without the name as text cannot define the database.
  // A glance at plain, small files only (no link, device or huge file) skips
  // such folders; anything else, and every folder that may define it, is
  // read through the workspace's path checks below, which cost a realpath
  // per file. A namespace of hundreds of folders stays about as fast as one.
  const glancePath = path.join(workspacePath, folderPath, 'values.yaml');
  const stat = await fs.lstat(glancePath).catch(() => undefined);
  if (stat?.isFile() && stat.size <= GLANCE_MAX_BYTES) {
    const glance = await fs.readFile(glancePath, 'utf8');
    if (!glance.includes(ref.name)) {
      return undefined;
    }
  }
  try {
    const files = definitionFiles(
      workspacePath,
      folderPath,
      ref.namespace,
      'Folder',
    );
    const valuesText = await readOptionalFile(
      files.values.absolutePath,
      files.values.relativePath,
    );
    if (valuesText === undefined || !valuesText.includes(ref.name)) {
      return undefined;
    }
    const applicationText = await readOptionalFile(
      files.application.absolutePath,
      files.application.relativePath,
    );
    if (
      applicationText === undefined ||
      helmChartOf(applicationText, files.application.relativePath) !==
        CHART_NAME
    ) {
      return undefined;
    }
    const folder = await readDefinitionFolder(files);
    const entry = folder.databases.find(d => d.name === ref.name);
    return entry ? { ...folder, entry } : undefined;
  } catch (error) {
    // A hostile file is refused outright, not passed over as unreadable: the
    // database may well be defined there, and "not found" would hide why.
    if (
      error instanceof UnsafeYamlError ||
      !isError(error) ||
      !['InputError', 'NotFoundError', 'ConflictError'].includes(error.name)
    ) {
      throw error;
    }
    return { unreadable: `${folderPath} (${error.message})` };
  }
}

/**
 * Finds the folder of `<namespace>/*` whose chart values define the
 * database, as the template fetched the namespace folder into the
 * workspace. Folders of other charts are skipped; folders of our chart that
 * cannot be read are named in the error when the database is not found, so
 * a broken file is not mistaken for a missing database.
 */
export async function findDatabaseDefinition(
  workspacePath: string,
  ref: DatabaseRef,
): Promise<DatabaseDefinition> {
  assertValidDatabaseRef(ref);
  const limit = pLimit(FOLDER_READS_AT_ONCE);
  const results = await Promise.all(
    (
      await namespaceFolders(workspacePath, ref.namespace)
    ).map(dirent =>
      limit(() =>
        readIfDefines(workspacePath, `${ref.namespace}/${dirent.name}`, ref),
      ),
    ),
  );
  const found = results.flatMap(r => (r && 'entry' in r ? [r] : []));
  const unreadable = results.flatMap(r =>
    r && 'unreadable' in r ? [r.unreadable] : [],
  );
  if (found.length > 1) {
    throw new ConflictError(
      `Database "${ref.name}" is defined in more than one folder of ${
        ref.namespace
      }: ${found
        .map(f => f.files.folder.relativePath)
        .join(', ')}. Remove the duplicate in the apps repo first.`,
    );
  }
  if (found.length === 0) {
    const skipped =
      unreadable.length > 0
        ? ` These folders of the chart could not be read: ${unreadable.join(
            '; ',
          )}.`
        : '';
    throw new NotFoundError(
      `No folder of ${ref.namespace} in the apps repo defines the database "${ref.name}" (looked for ${ref.namespace}/*/values.yaml deploying ${CHART_NAME}).${skipped}`,
    );
  }
  return found[0];
}
