import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import type { JSX } from 'react';
import { IdpPostgresClient, idpPostgresApiRef } from './api';
import { DatabaseNameField } from './scaffolder/DatabaseNameField/DatabaseNameField';
import {
  DATABASE_NAME_FIELD_NAME,
  DatabaseNameFieldSchema,
  DatabaseNameUiOptions,
  DatabaseNameValue,
} from './scaffolder/DatabaseNameField/schema';
import { validateDatabaseName } from './scaffolder/DatabaseNameField/validation';
import { DeletionProtectionField } from './scaffolder/DeletionProtectionField/DeletionProtectionField';
import {
  DELETION_PROTECTION_FIELD_NAME,
  DeletionProtectionFieldSchema,
  DeletionProtectionUiOptions,
} from './scaffolder/DeletionProtectionField/schema';
import { validateDeletionProtection } from './scaffolder/DeletionProtectionField/validation';

/**
 * The plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const idpPostgresPlugin = createPlugin({
  id: 'idp-postgres',
  apis: [
    createApiFactory({
      api: idpPostgresApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new IdpPostgresClient(deps),
    }),
  ],
});

/**
 * The PostgreSQL tab for an entity page (legacy frontend system); show it
 * with `isIdpPostgresAvailable`.
 *
 * @public
 */
export const EntityIdpPostgresContent: () => JSX.Element =
  idpPostgresPlugin.provide(
    createComponentExtension({
      name: 'EntityIdpPostgresContent',
      component: {
        lazy: () =>
          import('./components/EntityIdpPostgresContent').then(
            m => m.EntityIdpPostgresContent,
          ),
      },
    }),
  );

/**
 * The PostgreSQL overview card for an entity page (legacy frontend system).
 *
 * @public
 */
export const EntityIdpPostgresCard: () => JSX.Element =
  idpPostgresPlugin.provide(
    createComponentExtension({
      name: 'EntityIdpPostgresCard',
      component: {
        lazy: () =>
          import('./components/EntityIdpPostgresCard').then(
            m => m.EntityIdpPostgresCard,
          ),
      },
    }),
  );

/**
 * The scaffolder form field `IdpPostgresDatabaseName` (legacy frontend
 * system): a new database's namespace and name with the names the platform
 * derives, checked against the backend as the user types; with
 * `ui:options.existing: true`, a picker of the platform's databases. The
 * value is `{ namespace, name }`. Place it inside `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const IdpPostgresDatabaseNameFieldExtension = idpPostgresPlugin.provide(
  createScaffolderFieldExtension<DatabaseNameValue, DatabaseNameUiOptions>({
    name: DATABASE_NAME_FIELD_NAME,
    component: DatabaseNameField,
    validation: validateDatabaseName,
    schema: DatabaseNameFieldSchema.schema,
  }),
);

/**
 * The scaffolder form field `IdpPostgresDeletionProtection` (legacy frontend
 * system): a checkbox that is required, with the reason next to it, when
 * the form's database is in a production namespace. Place it inside
 * `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const IdpPostgresDeletionProtectionFieldExtension =
  idpPostgresPlugin.provide(
    createScaffolderFieldExtension<boolean, DeletionProtectionUiOptions>({
      name: DELETION_PROTECTION_FIELD_NAME,
      component: DeletionProtectionField,
      validation: validateDeletionProtection,
      schema: DeletionProtectionFieldSchema.schema,
    }),
  );
