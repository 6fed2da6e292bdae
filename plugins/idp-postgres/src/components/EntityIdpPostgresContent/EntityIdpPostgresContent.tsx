import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { formatDatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import { useEntityDatabases } from '../../entity/useEntityDatabases';
import { DatabasePanel } from './DatabasePanel';

/**
 * The PostgreSQL tab of an entity page: for each database the entity uses,
 * its status with the next action, known errors, how to connect,
 * monitoring, grants and restore.
 *
 * @public
 */
export function EntityIdpPostgresContent() {
  const { loading, error, value } = useEntityDatabases();
  if (loading) return <Progress />;
  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not find the databases" />
    );
  }
  const refs = value?.refs ?? [];
  const problems = value?.problems ?? [];
  return (
    <>
      {problems.length > 0 && (
        <Box mb={3}>
          <WarningPanel
            title="Some databases could not be read from the catalog"
            defaultExpanded
          >
            <ul>
              {problems.map(p => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </WarningPanel>
        </Box>
      )}
      {refs.length === 0 ? (
        <EmptyState
          missing="info"
          title="No PostgreSQL databases"
          description="This entity lists no IDP PostgreSQL database. Add the annotation idp.jppol.dk/postgresql-databases: <namespace>/<name>, or a dependsOn relation to the database's Resource."
        />
      ) : (
        refs.map(ref => (
          <Box key={formatDatabaseRef(ref)} mb={4}>
            <DatabasePanel dbRef={ref} />
          </Box>
        ))
      )}
    </>
  );
}
