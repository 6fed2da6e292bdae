import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CHECK_STATE_TEXT } from '../common/CheckStateLabel';
import { CheckStateIcon } from '../common/CheckStateIcon';
import { visuallyHidden } from '../common/visuallyHidden';
import type { ProblemLine } from './matrixRows';

/**
 * The reasons of the cells that are not OK, without hovering: a broken
 * database's evidence is readable at a glance. Shared reasons are listed
 * once, with every cell they apply to.
 */
export function ProblemList(props: { lines: ProblemLine[] }) {
  if (props.lines.length === 0) return null;
  return (
    <Box component="ul" aria-label="Checks that are not OK" pl={0} my={1}>
      {props.lines.map(line => (
        <Box
          component="li"
          key={`${line.state}-${line.reason}`}
          display="flex"
          alignItems="flex-start"
          mb={0.5}
          style={{ listStyle: 'none', gap: 8 }}
        >
          <CheckStateIcon state={line.state} />
          <Typography variant="body2">
            <span style={visuallyHidden}>{CHECK_STATE_TEXT[line.state]}: </span>
            {line.reason}{' '}
            <Typography component="span" variant="body2" color="textSecondary">
              ({line.where.join('; ')})
            </Typography>
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
