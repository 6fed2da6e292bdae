import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  idpPostgresApi,
  idpPostgresEntityCard,
  idpPostgresEntityContent,
} from './extensions';

/**
 * The IDP PostgreSQL plugin for the new frontend system: the API, the
 * entity tab "PostgreSQL" and the overview card, both shown where
 * `isIdpPostgresAvailable` holds.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'idp-postgres',
  extensions: [idpPostgresApi, idpPostgresEntityContent, idpPostgresEntityCard],
});
