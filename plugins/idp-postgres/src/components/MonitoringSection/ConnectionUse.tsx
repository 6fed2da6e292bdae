import type { MonitoringReport } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';
import { CheckStateIcon } from '../common/CheckStateIcon';
import { BUSY_CONNECTIONS_SHARE } from './monitoringFormat';

// Near the limit the bar takes the palette's warning colour; the hint
// under it says so in words, with an icon.
const useStyles = makeStyles(theme => ({
  busy: { backgroundColor: theme.palette.warning.main },
}));

type Connections = NonNullable<MonitoringReport['connections']>;

/**
 * Connections against the limit as a bar and in numbers, then per role
 * which states they are in: a pool that keeps many idle connections is
 * told apart from one that is busy.
 */
export function ConnectionUse(props: { connections: Connections }) {
  const { limit, limitSource, total, byRoleAndState } = props.connections;
  const labelId = useId();
  const classes = useStyles();
  const share = limit > 0 ? total / limit : 0;
  const busy = share >= BUSY_CONNECTIONS_SHARE;
  const byRole = new Map<string, string[]>();
  for (const c of byRoleAndState) {
    byRole.set(c.role, [
      ...(byRole.get(c.role) ?? []),
      `${c.count} ${c.state}`,
    ]);
  }
  return (
    <Box>
      <Typography variant="body2" id={labelId}>
        {total} of {limit} connections in use (
        {limitSource === 'database'
          ? 'the database’s connection limit'
          : 'the server’s max_connections'}
        )
      </Typography>
      <LinearProgress
        variant="determinate"
        value={Math.min(100, share * 100)}
        classes={busy ? { barColorPrimary: classes.busy } : undefined}
        aria-labelledby={labelId}
      />
      {busy && (
        <Box display="flex" alignItems="flex-start" mt={0.5} style={{ gap: 8 }}>
          <CheckStateIcon state="warning" />
          <Typography variant="body2">
            Close to the limit: new connections are refused once it is reached.
            Check the apps’ pool sizes.
          </Typography>
        </Box>
      )}
      {byRole.size > 0 && (
        <Box component="ul" pl={2} my={0.5}>
          {[...byRole].map(([role, states]) => (
            <Typography component="li" variant="body2" key={role}>
              <code>{role}</code>: {states.join(', ')}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
