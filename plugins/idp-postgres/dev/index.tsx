import type { Entity } from '@backstage/catalog-model';
import {
  Content,
  Header,
  HeaderLabel,
  Page,
  SidebarItem,
} from '@backstage/core-components';
import {
  attachComponentData,
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createDevApp } from '@backstage/dev-utils';
import { ResponseError } from '@backstage/errors';
import {
  CatalogApi,
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import DashboardIcon from '@material-ui/icons/Dashboard';
import StorageIcon from '@material-ui/icons/Storage';
import { databaseEntity } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { Navigate, useParams } from 'react-router-dom';
import {
  EntityIdpPostgresCard,
  EntityIdpPostgresContent,
  idpPostgresPlugin,
} from '../src';

// The plugin's dev page, against the real backend: run `yarn start:backend`
// in the repo root (it starts and seeds the sandbox), then `yarn start` here.
// createDevApp's sign-in page offers the guest provider, which signs in
// through the backend's auth plugin, so every request carries a real token.

/** A database Resource as the create template registers it, owned by the guest's team. */
function databaseResource(namespace: string, name: string): Entity {
  return databaseEntity(
    { namespace, name },
    { owner: 'group:default/team-shop', description: name },
  );
}

/** Seeded by the sandbox: a database with missing grants, one without secrets. */
const samples: Entity[] = [
  databaseResource('demo-dev', 'inventory'),
  databaseResource('demo-prod', 'billing'),
];

/**
 * The one catalog call the tab makes (for entities that depend on database
 * Resources), against the real catalog backend. The samples above carry
 * their annotation themselves, so it is not called for them.
 */
const catalogApiFactory = createApiFactory({
  api: catalogApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    ({
      async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
        const baseUrl = await discoveryApi.getBaseUrl('catalog');
        const response = await fetchApi.fetch(`${baseUrl}/entities/by-refs`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ entityRefs }),
        });
        if (!response.ok) {
          throw await ResponseError.fromResponse(response);
        }
        return response.json();
      },
    } as Partial<CatalogApi> as CatalogApi),
});

/**
 * Stands in for the catalog's entity page: mounted on the catalog's entity
 * route, so the card's link to the tab resolves as in an app.
 */
function SampleEntityPage() {
  const { name } = useParams();
  const entity = samples.find(sample => sample.metadata.name === name);
  if (!entity) {
    return <Navigate to="/" replace />;
  }
  return (
    <EntityProvider entity={entity}>
      <Page themeId="tool">
        <Header title={name} subtitle="Resource · postgresql-database">
          <HeaderLabel label="Owner" value="team-shop" />
        </Header>
        <Content>
          <EntityIdpPostgresContent />
        </Content>
      </Page>
    </EntityProvider>
  );
}
attachComponentData(SampleEntityPage, 'core.mountPoint', entityRouteRef);

const tabPath = (entity: Entity) =>
  `/catalog/default/resource/${entity.metadata.name}/postgresql`;

const app = createDevApp()
  .registerPlugin(idpPostgresPlugin)
  .registerApi(catalogApiFactory)
  .addPage({
    path: '/',
    element: <Navigate to={tabPath(samples[0])} replace />,
  });

for (const entity of samples) {
  app.addSidebarItem(
    <SidebarItem
      key={entity.metadata.name}
      to={tabPath(entity)}
      text={entity.metadata.name}
      icon={StorageIcon}
    />,
  );
}

app
  .addPage({
    path: '/cards',
    title: 'Cards',
    icon: DashboardIcon,
    element: (
      <Page themeId="tool">
        <Header title="Overview cards" />
        <Content>
          <Grid container spacing={3}>
            {samples.map(entity => (
              <Grid item xs={12} md={6} key={entity.metadata.name}>
                <EntityProvider entity={entity}>
                  <EntityIdpPostgresCard />
                </EntityProvider>
              </Grid>
            ))}
          </Grid>
        </Content>
      </Page>
    ),
  })
  .addPage({
    path: '/catalog/:namespace/:kind/:name',
    element: <SampleEntityPage />,
  })
  .render();
