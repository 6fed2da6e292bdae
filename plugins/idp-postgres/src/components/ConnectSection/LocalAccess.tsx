import { useId } from 'react';
import type {
  ConnectionInfo,
  DatabaseRole,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CopyButton } from '../common/CopyButton';
import { Snippet } from '../common/Snippet';
import { ConnectionStrings } from './ConnectionStrings';

/**
 * Connecting from a laptop: the port-forward, then the settings a desktop
 * tool (pgAdmin, DBeaver, DataGrip) asks for, then connection strings that
 * go through the forward.
 */
export function LocalAccess(props: {
  connection: ConnectionInfo;
  role: DatabaseRole;
}) {
  const headingId = useId();
  const { connection, role } = props;
  const { local } = connection;
  const roleConnection = connection.roles.find(r => r.role === role);
  const username = roleConnection?.username ?? '';
  const settings: Array<[string, string]> = [
    ['Host', local.host],
    ['Port', String(local.port)],
    ['Database', connection.database],
    ['Username', username],
    ['SSL mode', 'require'],
  ];
  return (
    <section aria-labelledby={headingId}>
      <Typography variant="h6" component="h4" id={headingId}>
        From your machine
      </Typography>
      <Snippet
        label="Port-forward command"
        text={local.portForwardCommand}
        note="Needs kubectl access to the cluster. Keep it running while you are connected."
      />
      <Typography variant="subtitle2" component="h5">
        Settings for pgAdmin, DBeaver or DataGrip
      </Typography>
      <Table size="small" aria-label="Local connection settings">
        <TableBody>
          {settings.map(([name, value]) => (
            <TableRow key={name}>
              <TableCell component="th" scope="row">
                {name}
              </TableCell>
              <TableCell>
                <code>{value}</code>
                <CopyButton
                  text={value}
                  label={`local ${name.toLocaleLowerCase('en-US')}`}
                />
              </TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell component="th" scope="row">
              Password
            </TableCell>
            <TableCell>
              {roleConnection ? (
                <>
                  The <code>password</code> key of{' '}
                  <code>{roleConnection.secretsManagerSecretName}</code> in AWS
                  Secrets Manager, or of the Kubernetes secret{' '}
                  <code>{roleConnection.secretName}</code>.
                </>
              ) : (
                local.passwordSource
              )}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Typography variant="body2" color="textSecondary" paragraph>
        Use require here: through the port-forward you connect to localhost,
        which is not the name on the server’s certificate, so verify-full cannot
        succeed.
      </Typography>
      <ConnectionStrings
        strings={local.connectionStrings.filter(s => s.role === role)}
        where="through the port-forward"
        // On a laptop people reach for psql first.
        initialClient="psql"
      />
    </section>
  );
}
