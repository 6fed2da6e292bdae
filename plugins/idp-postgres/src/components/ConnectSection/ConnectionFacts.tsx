import type {
  ConnectionInfo,
  EndpointSource,
  RoleConnection,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CheckStateIcon } from '../common/CheckStateIcon';
import { CopyButton } from '../common/CopyButton';

/**
 * The names and address an app needs, for the chosen role. Host and port
 * are the role's own, as its secret holds them (what `DB_HOST` and
 * `DB_PORT` read), and the line under them says where they came from.
 */
export function ConnectionFacts(props: {
  connection: ConnectionInfo;
  role: RoleConnection;
}) {
  const { connection, role } = props;
  // A backend from before per-role endpoints sends the database's only.
  const host = role.host ?? connection.host;
  const port = role.port ?? connection.port;
  const facts: Array<[string, string]> = [
    ['Database', connection.database],
    ['Host', host],
    ['Port', String(port)],
    ['Username', role.username],
    ['Kubernetes secret', role.secretName],
  ];
  return (
    <Box my={1}>
      <Box component="dl" my={0}>
        {facts.map(([name, text]) => (
          <Box key={name} display="flex" alignItems="center">
            <Typography
              component="dt"
              variant="body2"
              style={{ minWidth: 140 }}
            >
              {name}
            </Typography>
            <Typography
              component="dd"
              variant="body2"
              style={{ margin: 0, overflowWrap: 'anywhere' }}
            >
              <code>{text}</code>
              <CopyButton text={text} label={name.toLocaleLowerCase('en-US')} />
            </Typography>
          </Box>
        ))}
      </Box>
      <EndpointSourceNote
        source={role.endpointSource ?? connection.endpointSource}
        role={role}
      />
    </Box>
  );
}

/** Where host and port came from; a warning when not from the role's secret. */
function EndpointSourceNote(props: {
  source?: EndpointSource;
  role: RoleConnection;
}) {
  const { source, role } = props;
  const fromSecret = source?.from === 'role-secret';
  const text = source
    ? source.note
    : `Host and port as the backend knows them; an app reads them from the Kubernetes secret ${role.secretName}.`;
  return (
    <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
      <CheckStateIcon state={fromSecret || !source ? 'info' : 'warning'} />
      <Typography variant="body2" color="textSecondary">
        {text}
      </Typography>
    </Box>
  );
}
