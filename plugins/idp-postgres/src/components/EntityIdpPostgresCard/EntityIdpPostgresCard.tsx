import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  IDP_POSTGRES_TAB_PATH,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { useEntityDatabases } from '../../entity/useEntityDatabases';
import { DatabaseVerdict } from './DatabaseVerdict';

/** The tab's path under the entity page, in both frontend systems. */
export const IDP_POSTGRES_CONTENT_PATH = IDP_POSTGRES_TAB_PATH;

/**
 * An overview card: the verdict of each of the entity's databases and a
 * link to the PostgreSQL tab for the details.
 *
 * @public
 */
export function EntityIdpPostgresCard() {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const { loading, error, value } = useEntityDatabases();
  const refs = value?.refs ?? [];
  const deepLink = {
    title: 'Open the PostgreSQL tab',
    link: `${entityRoute(
      entityRouteParams(entity),
    )}/${IDP_POSTGRES_CONTENT_PATH}`,
  };
  return (
    <InfoCard title="PostgreSQL" deepLink={deepLink}>
      {loading && <Progress />}
      {error && (
        <ResponseErrorPanel
          error={error}
          title="Could not find the databases"
        />
      )}
      {!loading && !error && refs.length === 0 && (
        <Typography variant="body2">No PostgreSQL databases.</Typography>
      )}
      {refs.length > 0 && (
        <ul aria-label="Databases">
          {refs.map(ref => (
            <DatabaseVerdict key={formatDatabaseRef(ref)} dbRef={ref} />
          ))}
        </ul>
      )}
      {(value?.problems.length ?? 0) > 0 && (
        <Typography variant="body2" color="textSecondary">
          Some databases could not be read from the catalog; the tab says which.
        </Typography>
      )}
    </InfoCard>
  );
}
