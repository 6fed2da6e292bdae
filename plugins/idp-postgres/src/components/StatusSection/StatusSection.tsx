import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { DatabaseStatus } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { CheckedAt } from '../common/CheckedAt';
import { CheckStateLabel } from '../common/CheckStateLabel';
import type { AsyncState } from '../common/AsyncState';
import { VERDICTS, statusChecks } from './statusChecks';

/**
 * The verdict on one database and every check behind it, with a refresh
 * that asks the backend to check again instead of using its cache.
 */
export function StatusSection(props: {
  status: AsyncState<DatabaseStatus>;
  onRefresh: () => void;
}) {
  const { status, onRefresh } = props;
  return (
    <InfoCard
      title="Status"
      action={
        <Button
          startIcon={<RefreshIcon />}
          onClick={onRefresh}
          disabled={status.loading}
          aria-label="Check the status again"
        >
          Refresh
        </Button>
      }
    >
      <StatusBody status={status} />
    </InfoCard>
  );
}

function StatusBody(props: { status: AsyncState<DatabaseStatus> }) {
  const { loading, error, value } = props.status;
  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel error={error} title="Could not get the status" />
    );
  if (!value) return null;
  const rows = statusChecks(value);
  const conditions = value.resource.conditions;
  return (
    <>
      <Box display="flex" alignItems="center" mb={2}>
        <Typography variant="h6" component="p">
          <CheckStateLabel state={value.state} /> {VERDICTS[value.state]}
        </Typography>
      </Box>
      <Table size="small" aria-label="Checks">
        <TableHead>
          <TableRow>
            <TableCell>Check</TableCell>
            <TableCell>Result</TableCell>
            <TableCell>Why</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.name}>
              <TableCell>{row.name}</TableCell>
              <TableCell>
                <CheckStateLabel state={row.result.state} />
              </TableCell>
              <TableCell>{row.result.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {conditions.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h4">
            Conditions of the database resource
          </Typography>
          <ul>
            {conditions.map(c => (
              <li key={c.type}>
                {c.type}: {c.status}
                {c.reason ? ` (${c.reason})` : ''}
                {c.message ? ` — ${c.message}` : ''}
              </li>
            ))}
          </ul>
        </Box>
      )}
      <Typography variant="body2" color="textSecondary">
        <CheckedAt at={value.checkedAt} />
      </Typography>
    </>
  );
}
