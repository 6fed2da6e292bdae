import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  DatabaseRef,
  DatabaseRole,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { idpPostgresApiRef } from '../../api';
import { Snippet } from '../common/Snippet';
import { SslGuidance } from '../SslGuidance/SslGuidance';
import { ConnectTabs } from './ConnectTabs';
import { ConnectionFacts } from './ConnectionFacts';
import { ConnectionLinks } from './ConnectionLinks';
import { ConnectionStrings } from './ConnectionStrings';
import { LocalAccess } from './LocalAccess';
import { RoleSelector } from './RoleSelector';
import { helmEnvYaml } from './helmEnvYaml';

/** Lines of the Helm env block shown before it scrolls; the copy button takes all. */
const HELM_ENV_LINES = 6;

/**
 * Everything needed to connect as one role, from an app and from a laptop.
 * Built from the connection route, which never returns a password; the
 * snippets point at the Kubernetes secret or a placeholder instead.
 */
export function ConnectSection(props: { dbRef: DatabaseRef }) {
  const { dbRef } = props;
  const api = useApi(idpPostgresApiRef);
  // Most apps only read and write data; admin is for migrations.
  const [role, setRole] = useState<DatabaseRole>('write');
  const { loading, error, value } = useAsync(
    () => api.getConnection(dbRef),
    [api, dbRef.namespace, dbRef.name],
  );

  if (loading) {
    return (
      <InfoCard title="Connect">
        <Progress />
      </InfoCard>
    );
  }
  if (error || !value) {
    return (
      <InfoCard title="Connect">
        <ResponseErrorPanel
          error={error ?? new Error('No connection details')}
          title="Could not get the connection details"
        />
      </InfoCard>
    );
  }

  const roleConnection = value.roles.find(r => r.role === role);
  return (
    <InfoCard title="Connect">
      <RoleSelector value={role} onChange={setRole} />
      {roleConnection ? (
        <ConnectionFacts connection={value} role={roleConnection} />
      ) : (
        <Typography>The backend has no details for the {role} role.</Typography>
      )}
      <ConnectTabs
        tabs={[
          ...(roleConnection
            ? [
                {
                  key: 'helm',
                  label: 'Helm values',
                  content: (
                    <Snippet
                      label={`Helm env block for the ${role} role`}
                      text={helmEnvYaml(roleConnection.helmEnv)}
                      maxLines={HELM_ENV_LINES}
                      note={`Add under env: in your app's values.yaml. The password stays in the Kubernetes secret ${roleConnection.secretName}; the app reads it as DB_PASSWORD.`}
                    />
                  ),
                },
                {
                  key: 'strings',
                  label: 'Connection strings',
                  content: (
                    <>
                      <Typography variant="h6" component="h4">
                        Connection strings from an app in the cluster
                      </Typography>
                      <Typography variant="body2" color="textSecondary">
                        Replace {'${DB_PASSWORD}'} with the password from the
                        environment, which the Helm env block takes from{' '}
                        {roleConnection.secretName}.
                      </Typography>
                      <ConnectionStrings
                        strings={roleConnection.connectionStrings}
                        where="in the cluster"
                        pitfall
                      />
                    </>
                  ),
                },
              ]
            : []),
          {
            key: 'local',
            label: 'From your machine',
            content: <LocalAccess connection={value} role={role} />,
          },
          { key: 'ssl', label: 'SSL', content: <SslGuidance /> },
        ]}
      />
      <ConnectionLinks links={value.links} />
    </InfoCard>
  );
}
