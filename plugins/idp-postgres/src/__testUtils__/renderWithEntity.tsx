import type { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReactElement } from 'react';
import { IdpPostgresApi, idpPostgresApiRef } from '../api';
import { permissionApi } from './permissionApi';

/** Renders an entity page element with the catalog, permissions and our API. */
export function renderWithEntity(
  element: ReactElement,
  options: { entity: Entity; api: IdpPostgresApi; catalog?: Entity[] },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [idpPostgresApiRef, options.api],
        [catalogApiRef, catalogApiMock({ entities: options.catalog ?? [] })],
        [permissionApiRef, permissionApi('allow')],
      ]}
    >
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
