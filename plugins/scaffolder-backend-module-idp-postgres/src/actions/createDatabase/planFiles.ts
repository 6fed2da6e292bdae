import { InputError } from '@backstage/errors';
import {
  databaseEntity,
  writeDatabaseEntry,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  appendToValuesFile,
  chartVersionOfApplication,
  newApplicationFile,
  newValuesFile,
} from '../../definition/chartFiles';
import { catalogFileWithEntity } from '../../definition/catalogFile';
import { DefinitionFiles } from '../../definition/definitionFolder';
import { PlannedFile, readOptionalFile } from '../../workspace/files';

/** What create-database needs to decide the content of a definition folder. */
export interface PlanOptions {
  files: DefinitionFiles;
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
  const { values, application, catalog } = o.files;
  const existingValues = await readOptionalFile(
    values.absolutePath,
    values.relativePath,
  );
  const existingApplication = await readOptionalFile(
    application.absolutePath,
    application.relativePath,
  );
  const existingCatalog = await readOptionalFile(
    catalog.absolutePath,
    catalog.relativePath,
  );
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
