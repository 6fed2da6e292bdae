import { ExistingDatabasePicker } from './ExistingDatabasePicker';
import { NewDatabaseName } from './NewDatabaseName';
import type { DatabaseNameFieldProps } from './schema';

/**
 * The scaffolder field `IdpPostgresDatabaseName`: a new database's namespace
 * and name, checked as the user types, or with `ui:options.existing` a
 * database picked from the platform inventory.
 */
export function DatabaseNameField(props: DatabaseNameFieldProps) {
  return props.uiSchema['ui:options']?.existing ? (
    <ExistingDatabasePicker {...props} />
  ) : (
    <NewDatabaseName {...props} />
  );
}
