import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  idpPostgresApi,
  idpPostgresDatabaseNameFormField,
  idpPostgresDeletionProtectionFormField,
  idpPostgresEntityCard,
  idpPostgresEntityContent,
} from './extensions';

/**
 * The IDP PostgreSQL plugin for the new frontend system: the API, the
 * entity tab "PostgreSQL" and the overview card, both shown where
 * `isIdpPostgresAvailable` holds, and the scaffolder form fields
 * `IdpPostgresDatabaseName` and `IdpPostgresDeletionProtection`.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'idp-postgres',
  extensions: [
    idpPostgresApi,
    idpPostgresEntityContent,
    idpPostgresEntityCard,
    idpPostgresDatabaseNameFormField,
    idpPostgresDeletionProtectionFormField,
  ],
});
