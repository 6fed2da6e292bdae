import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** The name templates use in `ui:field`. */
export const DELETION_PROTECTION_FIELD_NAME = 'IdpPostgresDeletionProtection';

/** The form property the database is read from unless `ui:options.databaseField` names another. */
export const DEFAULT_DATABASE_FIELD = 'database';

/** The field's value and options, as the scaffolder's field explorer shows them. */
export const DeletionProtectionFieldSchema = makeFieldSchema({
  output: z => z.boolean(),
  uiOptions: z =>
    z.object({
      databaseField: z
        .string()
        .optional()
        .describe(
          'The form property holding the IdpPostgresDatabaseName value; "database" when left out. Without it, top-level "namespace" and "name" properties are read.',
        ),
    }),
});

/** The props the scaffolder passes to the field. */
export type DeletionProtectionFieldProps =
  typeof DeletionProtectionFieldSchema.TProps;

/**
 * The field's `ui:options`.
 *
 * @public
 */
export type DeletionProtectionUiOptions = {
  databaseField?: string;
};
