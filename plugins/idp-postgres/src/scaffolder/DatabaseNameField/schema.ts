import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import type { DatabaseLifecycle } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** The name templates use in `ui:field`. */
export const DATABASE_NAME_FIELD_NAME = 'IdpPostgresDatabaseName';

/** What the existing-database picker offers unless `ui:options.lifecycles` says otherwise. */
export const DEFAULT_PICKABLE_LIFECYCLES: readonly DatabaseLifecycle[] = [
  'deployed',
  'pending',
];

// Every lifecycle; `satisfies` breaks the build if common renames one.
const LIFECYCLES = [
  'deployed',
  'pending',
  'removing',
  'removed-protected',
] as const satisfies readonly DatabaseLifecycle[];

/**
 * The field's value and options. The scaffolder shows this schema on its
 * "custom field explorer" page, so every option carries a description.
 */
export const DatabaseNameFieldSchema = makeFieldSchema({
  output: z =>
    z.object({
      namespace: z
        .string()
        .describe('The Kubernetes namespace the database is defined in'),
      name: z.string().describe("The database's name in the chart values"),
    }),
  uiOptions: z =>
    z.object({
      existing: z
        .boolean()
        .optional()
        .describe(
          'Pick an existing database from the platform inventory instead of naming a new one',
        ),
      lifecycles: z
        .array(z.enum(LIFECYCLES))
        .optional()
        .describe(
          'With existing: the lifecycles to offer; deployed and pending when left out',
        ),
    }),
});

/** The props the scaffolder passes to the field. */
export type DatabaseNameFieldProps = typeof DatabaseNameFieldSchema.TProps;

/** The field's value; parts are missing until the user has typed them. */
export type DatabaseNameValue = typeof DatabaseNameFieldSchema.TOutput;

/**
 * The field's `ui:options`.
 *
 * @public
 */
export type DatabaseNameUiOptions = {
  existing?: boolean;
  lifecycles?: DatabaseLifecycle[];
};
