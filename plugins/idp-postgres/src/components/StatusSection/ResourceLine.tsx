import type { DatabaseStatus } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CHECK_STATE_TEXT } from '../common/CheckStateLabel';
import { CheckStateIcon } from '../common/CheckStateIcon';
import { visuallyHidden } from '../common/visuallyHidden';

/**
 * The database's custom resource in one line: everything else exists only
 * once it is there. Its conditions are shown when it is not OK, since
 * their reason and message are what the fix starts from.
 */
export function ResourceLine(props: { resource: DatabaseStatus['resource'] }) {
  const { state, reason, conditions } = props.resource;
  return (
    <Box mb={1}>
      <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
        <CheckStateIcon state={state} />
        <Typography variant="body2" component="div">
          <Typography variant="subtitle2" component="span">
            Database resource
          </Typography>
          <span style={visuallyHidden}> {CHECK_STATE_TEXT[state]}</span>:{' '}
          {reason}
        </Typography>
      </Box>
      {state !== 'ok' && conditions.length > 0 && (
        <Box
          component="ul"
          my={0.5}
          aria-label="Conditions of the database resource"
        >
          {conditions.map(c => (
            <Typography component="li" variant="body2" key={c.type}>
              {c.type}: {c.status}
              {c.reason ? ` (${c.reason})` : ''}
              {c.message ? ` — ${c.message}` : ''}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
