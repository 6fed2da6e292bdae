import { InputError } from '@backstage/errors';
import {
  databaseEntity,
  writeDatabaseEntry,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import path from 'node:path';
import {
  appendToValuesFile,
  chartVersionOfApplication,
  newApplicationFile,
  newValuesFile,
} from '../../definition/chartFiles';
import { PlannedFile, readOptionalFile } from '../../workspace/files';
import { resolveWorkspacePath } from '../../workspace/paths';
import { catalogFileWithEntity } from './catalogEntity';

/** What create-database needs to decide the content of a definition folder. */
export interface PlanOptions {
  workspacePath: string;
  folder: string;
  ref: { namespace: string; name: string };
  requestedChartVersion?: string;
  defaultChartVersion: string;
  deletionProtection: boolean;
  slackChannel: string;
  description: string;
  owner: string;
}

/**
 * Computes every file's new content before anything is written: a new
 * folder gets all three files, an existing definition gets the database
 * appended in its own chart dialect.
 */
export async function planDefinitionFiles(
  o: PlanOptions,
): Promise<PlannedFile[]> {
  // Each file is checked on its own: one of them may be a symlink out of the workspace.
  const file = async (base: string) => {
    const relativePath = path.relative(
      o.workspacePath,
      path.join(o.folder, base),
    );
    return {
      absolutePath: resolveWorkspacePath(o.workspacePath, relativePath, 'File'),
      relativePath,
    };
  };
  const values = await file('values.yaml');
  const application = await file('application.yaml');
  const catalog = await file('catalog-info.yaml');
  const existingValues = await readOptionalFile(values.absolutePath);
  const existingApplication = await readOptionalFile(application.absolutePath);
  const existingCatalog = await readOptionalFile(catalog.absolutePath);
  const entry = { name: o.ref.name, protected: o.deletionProtection };
  const entity = catalogFileWithEntity(
    existingCatalog,
    catalog.relativePath,
    databaseEntity(o.ref, { owner: o.owner, description: o.description }),
  );

  if (existingValues === undefined && existingApplication === undefined) {
    const chartVersion = o.requestedChartVersion ?? o.defaultChartVersion;
    return [
      { ...values, content: newValuesFile(chartVersion, entry) },
      {
        ...application,
        content: newApplicationFile({
          name: o.ref.name,
          description: o.description,
          slackChannel: o.slackChannel,
          chartVersion,
        }),
      },
      { ...catalog, content: entity },
    ];
  }
  if (existingValues === undefined || existingApplication === undefined) {
    const present =
      existingValues === undefined
        ? application.relativePath
        : values.relativePath;
    throw new InputError(
      `${present} exists without its partner file; a definition folder needs both values.yaml and application.yaml. Fix the folder or choose another targetPath.`,
    );
  }

  const folderVersion = chartVersionOfApplication(
    existingApplication,
    application.relativePath,
  );
  if (
    o.requestedChartVersion !== undefined &&
    o.requestedChartVersion !== folderVersion
  ) {
    throw new InputError(
      `${application.relativePath} deploys chart ${folderVersion}, but chart ${o.requestedChartVersion} was requested; all databases in a folder share one chart version. Leave chartVersion empty, or move the folder with idp:postgres:set-chart-version first.`,
    );
  }
  // Checked here too so a protection the folder's chart cannot express fails before writing.
  writeDatabaseEntry(folderVersion, entry);
  return [
    {
      ...values,
      content: appendToValuesFile(
        existingValues,
        values.relativePath,
        folderVersion,
        entry,
      ),
    },
    { ...catalog, content: entity },
  ];
}
