import {
  DatabaseRef,
  databaseEntityName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { catalogFileWithoutEntity } from '../../definition/catalogFile';
import { valuesWithoutDatabase } from '../../definition/databaseEntries';
import { WorkspaceFile } from '../../definition/definitionFolder';
import { DatabaseDefinition } from '../../definition/findDefinition';
import { PlannedDeletion, PlannedFile } from '../../workspace/files';

/** Every change a removal makes, computed before any is applied. */
export interface RemovalPlan {
  writes: Array<PlannedFile & { before: string }>;
  deletions: Array<PlannedDeletion & { before: string }>;
}

/**
 * A folder that defines only this database goes entirely: its chart files
 * and its catalog file (unless that also describes other entities). In a
 * folder with other databases only this entry and its Resource go.
 */
export function planRemoval(
  ref: DatabaseRef,
  definition: DatabaseDefinition,
): RemovalPlan {
  const { values, application, catalog } = definition.files;
  const plan: RemovalPlan = { writes: [], deletions: [] };
  const write = (file: WorkspaceFile, before: string, content: string) => {
    if (content !== before) {
      plan.writes.push({ ...file, before, content });
    }
  };
  const onlyDatabase = definition.databases.length === 1;

  if (onlyDatabase) {
    plan.deletions.push({ ...values, before: definition.valuesText });
    plan.deletions.push({ ...application, before: definition.applicationText });
  } else {
    write(
      values,
      definition.valuesText,
      valuesWithoutDatabase(
        definition.valuesText,
        values.relativePath,
        ref.name,
      ),
    );
  }

  if (definition.catalogText !== undefined) {
    const edited = catalogFileWithoutEntity(
      definition.catalogText,
      catalog.relativePath,
      databaseEntityName(ref),
    );
    if (onlyDatabase && edited.remaining === 0) {
      plan.deletions.push({ ...catalog, before: definition.catalogText });
    } else {
      write(catalog, definition.catalogText, edited.text);
    }
  }
  return plan;
}
