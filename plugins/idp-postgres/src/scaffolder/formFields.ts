import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { DatabaseNameField } from './DatabaseNameField/DatabaseNameField';
import {
  DATABASE_NAME_FIELD_NAME,
  DatabaseNameFieldSchema,
} from './DatabaseNameField/schema';
import { validateDatabaseName } from './DatabaseNameField/validation';
import { DeletionProtectionField } from './DeletionProtectionField/DeletionProtectionField';
import {
  DELETION_PROTECTION_FIELD_NAME,
  DeletionProtectionFieldSchema,
} from './DeletionProtectionField/schema';
import { validateDeletionProtection } from './DeletionProtectionField/validation';

// The new frontend system's form fields. The blueprints in extensions.tsx
// import this module lazily, so the scaffolder loads it only with a form.

/** `ui:field: IdpPostgresDatabaseName`. */
export const databaseNameFormField = createFormField({
  name: DATABASE_NAME_FIELD_NAME,
  component: DatabaseNameField,
  validation: validateDatabaseName,
  schema: DatabaseNameFieldSchema,
});

/** `ui:field: IdpPostgresDeletionProtection`. */
export const deletionProtectionFormField = createFormField({
  name: DELETION_PROTECTION_FIELD_NAME,
  component: DeletionProtectionField,
  validation: validateDeletionProtection,
  schema: DeletionProtectionFieldSchema,
});
