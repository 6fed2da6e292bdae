import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { IdpPostgresClient, idpPostgresApiRef } from './api';

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
export const EntityIdpPostgresContent = idpPostgresPlugin.provide(
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
export const EntityIdpPostgresCard = idpPostgresPlugin.provide(
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
