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
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { idpPostgresApiRef } from '../../api';
import { CopyButton } from '../common/CopyButton';
import { Snippet } from '../common/Snippet';
import { SslGuidance } from '../SslGuidance/SslGuidance';
import { ConnectionLinks } from './ConnectionLinks';
import { ConnectionStrings } from './ConnectionStrings';
import { LocalAccess } from './LocalAccess';
import { RoleSelector } from './RoleSelector';
import { helmEnvYaml } from './helmEnvYaml';

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
  const facts: Array<[string, string]> = [
    ['Database', value.database],
    ['Host', value.host],
    ['Port', String(value.port)],
    ['Username', roleConnection?.username ?? ''],
    ['Kubernetes secret', roleConnection?.secretName ?? ''],
  ];

  return (
    <InfoCard title="Connect">
      <RoleSelector value={role} onChange={setRole} />
      <Box component="dl" my={2}>
        {facts.map(([name, text]) => (
          <Box key={name} display="flex" alignItems="center">
            <Typography
              component="dt"
              variant="body2"
              style={{ minWidth: 160 }}
            >
              {name}
            </Typography>
            <Typography component="dd" variant="body2" style={{ margin: 0 }}>
              <code>{text}</code>
              <CopyButton text={text} label={name.toLocaleLowerCase('en-US')} />
            </Typography>
          </Box>
        ))}
      </Box>
      {roleConnection ? (
        <>
          <Snippet
            label={`Helm env block for the ${role} role`}
            text={helmEnvYaml(roleConnection.helmEnv)}
            note="Add under env: in your app's values.yaml. The password stays in the Kubernetes secret; the app reads it as DB_PASSWORD."
          />
          <Divider />
          <Box my={2}>
            <SslGuidance />
          </Box>
          <Typography variant="h6" component="h4">
            Connection strings from an app in the cluster
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            Replace {'${DB_PASSWORD}'} with the password from the environment.
          </Typography>
          <ConnectionStrings
            strings={roleConnection.connectionStrings}
            where="in the cluster"
          />
        </>
      ) : (
        <Typography>The backend has no details for the {role} role.</Typography>
      )}
      <Divider />
      <Box my={2}>
        <LocalAccess connection={value} role={role} />
      </Box>
      <ConnectionLinks links={value.links} />
    </InfoCard>
  );
}
