import { ConflictError, isError, NotFoundError } from '@backstage/errors';
import {
  assertValidDatabaseRef,
  CHART_NAME,
  DatabaseEntry,
  DatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import { readOptionalFile } from '../workspace/files';
import { resolveWorkspacePath } from '../workspace/paths';
import { parseYamlFile } from '../yaml/document';
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
  const found: DatabaseDefinition[] = [];
  const unreadable: string[] = [];
  for (const dirent of await namespaceFolders(workspacePath, ref.namespace)) {
    const folderPath = `${ref.namespace}/${dirent.name}`;
    try {
      const files = definitionFiles(
        workspacePath,
        folderPath,
        ref.namespace,
        'Folder',
      );
      const applicationText = await readOptionalFile(
        files.application.absolutePath,
        files.application.relativePath,
      );
      if (
        applicationText === undefined ||
        helmChartOf(applicationText, files.application.relativePath) !==
          CHART_NAME
      ) {
        continue;
      }
      const folder = await readDefinitionFolder(files);
      const entry = folder.databases.find(d => d.name === ref.name);
      if (entry) {
        found.push({ ...folder, entry });
      }
    } catch (error) {
      if (
        !isError(error) ||
        !['InputError', 'NotFoundError', 'ConflictError'].includes(error.name)
      ) {
        throw error;
      }
      unreadable.push(`${folderPath} (${error.message})`);
    }
  }
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
