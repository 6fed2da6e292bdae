import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ACTION_TEXT,
  OUTCOME_TEXT,
  RestoreItem,
  stepText,
  writtenKind,
} from './restoreWords';

/** A restore plan, or its results when `outcome` is present. */
export function RestoreItemsTable(props: {
  label: string;
  items: RestoreItem[];
}) {
  const withOutcome = props.items.some(i => 'outcome' in i);
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Role</TableCell>
          <TableCell>Kubernetes secret</TableCell>
          <TableCell>Secrets Manager secret</TableCell>
          <TableCell>{withOutcome ? 'Outcome' : 'Action'}</TableCell>
          <TableCell>Writes</TableCell>
          <TableCell>Why</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(item => {
          const step = stepText(item);
          return (
            <TableRow key={item.role}>
              <TableCell>{item.role}</TableCell>
              <TableCell>
                <code>{item.secretName}</code>
              </TableCell>
              <TableCell>
                <code>{item.secretsManagerName}</code>
              </TableCell>
              <TableCell>
                {/* The Secrets Manager step runs first, so it reads first. */}
                {step && (
                  <Typography variant="body2" component="span" display="block">
                    {step}
                  </Typography>
                )}
                {'outcome' in item
                  ? `${OUTCOME_TEXT[item.outcome]} (${
                      ACTION_TEXT[item.action]
                    })`
                  : ACTION_TEXT[item.action]}
              </TableCell>
              <TableCell>{writtenKind(item) ?? 'Nothing'}</TableCell>
              <TableCell>
                {'error' in item && item.error ? item.error : item.reason}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
