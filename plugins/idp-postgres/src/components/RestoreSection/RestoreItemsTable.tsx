import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useReadableCells } from '../common/readableCells';
import {
  ACTION_TEXT,
  OUTCOME_TEXT,
  RestoreItem,
  stepText,
  writtenKind,
} from './restoreWords';

// In a half-width card the long secret names squeezed the other columns
// until words broke into letters ("R ol e"). Words now break only between
// words, names anywhere, and below a readable width the table scrolls.
const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  table: { minWidth: 560 },
  word: { whiteSpace: 'nowrap' },
  name: { overflowWrap: 'anywhere' },
});

/** A restore plan, or its results when `outcome` is present. */
export function RestoreItemsTable(props: {
  label: string;
  items: RestoreItem[];
}) {
  const classes = { ...useStyles(), text: useReadableCells().readable };
  const withOutcome = props.items.some(i => 'outcome' in i);
  const headers = [
    'Role',
    'Kubernetes secret',
    'Secrets Manager secret',
    withOutcome ? 'Outcome' : 'Action',
    'Writes',
    'Why',
  ];
  return (
    <Box className={classes.scroller}>
      <Table size="small" aria-label={props.label} className={classes.table}>
        <TableHead>
          <TableRow>
            {headers.map(h => (
              <TableCell key={h} className={classes.text}>
                {h}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.items.map(item => {
            const step = stepText(item);
            return (
              <TableRow key={item.role}>
                <TableCell className={classes.word}>{item.role}</TableCell>
                <TableCell className={classes.name}>
                  <code>{item.secretName}</code>
                </TableCell>
                <TableCell className={classes.name}>
                  <code>{item.secretsManagerName}</code>
                </TableCell>
                <TableCell className={classes.text}>
                  {/* The Secrets Manager step runs first, so it reads first. */}
                  {step && (
                    <Typography
                      variant="body2"
                      component="span"
                      display="block"
                    >
                      {step}
                    </Typography>
                  )}
                  {'outcome' in item
                    ? `${OUTCOME_TEXT[item.outcome]} (${
                        ACTION_TEXT[item.action]
                      })`
                    : ACTION_TEXT[item.action]}
                </TableCell>
                <TableCell className={classes.word}>
                  {writtenKind(item) ?? 'Nothing'}
                </TableCell>
                <TableCell className={classes.text}>
                  {'error' in item && item.error ? item.error : item.reason}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
