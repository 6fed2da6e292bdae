// The new frontend system's extensions of the plugin; alpha.ts assembles them.
import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { IdpPostgresClient, idpPostgresApiRef } from './api';
import { IDP_POSTGRES_CONTENT_PATH } from './components/EntityIdpPostgresCard/EntityIdpPostgresCard';
import { isIdpPostgresAvailable } from './entity/isIdpPostgresAvailable';

/** The API factory as an extension. */
export const idpPostgresApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: idpPostgresApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new IdpPostgresClient(deps),
    }),
});

/** The PostgreSQL tab at `postgresql` under the entity page. */
export const idpPostgresEntityContent = EntityContentBlueprint.make({
  params: {
    path: IDP_POSTGRES_CONTENT_PATH,
    title: 'PostgreSQL',
    filter: isIdpPostgresAvailable,
    loader: () =>
      import('./components/EntityIdpPostgresContent').then(m => (
        <m.EntityIdpPostgresContent />
      )),
  },
});

/** The overview card. */
export const idpPostgresEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isIdpPostgresAvailable,
    loader: () =>
      import('./components/EntityIdpPostgresCard').then(m => (
        <m.EntityIdpPostgresCard />
      )),
  },
});

/** The scaffolder form field `IdpPostgresDatabaseName`. */
export const idpPostgresDatabaseNameFormField = FormFieldBlueprint.make({
  name: 'database-name',
  params: {
    field: () =>
      import('./scaffolder/formFields').then(m => m.databaseNameFormField),
  },
});

/** The scaffolder form field `IdpPostgresDeletionProtection`. */
export const idpPostgresDeletionProtectionFormField = FormFieldBlueprint.make({
  name: 'deletion-protection',
  params: {
    field: () =>
      import('./scaffolder/formFields').then(
        m => m.deletionProtectionFormField,
      ),
  },
});
