import type { MonitoringReport } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CheckStateIcon } from '../common/CheckStateIcon';
import {
  LONG_IDLE_IN_TRANSACTION_SECONDS,
  formatDuration,
} from './monitoringFormat';

/** A part's words, or "unknown" when it was not read, so "none" is never claimed unseen. */
function seen(read: boolean, text: string): string {
  return read ? text : 'unknown';
}

/**
 * The longest-running query and the sessions idle in a transaction, by
 * role and age (never the query text), with a hint when a transaction has
 * been left open long. `read` is false when sessions could not be read.
 */
export function SessionAges(props: {
  report: MonitoringReport;
  read: boolean;
}) {
  const { report, read } = props;
  const { longestQuery, idleInTransaction } = report;
  const longIdle = idleInTransaction.filter(
    s => s.seconds >= LONG_IDLE_IN_TRANSACTION_SECONDS,
  );
  const idle = idleInTransaction
    .map(s => `${formatDuration(s.seconds)} (${s.role})`)
    .join(', ');
  return (
    <Box>
      <Typography variant="body2">
        <strong>Longest-running query:</strong>{' '}
        {longestQuery
          ? `${formatDuration(longestQuery.seconds)}, by ${longestQuery.role}`
          : seen(read, 'none running')}
      </Typography>
      <Typography variant="body2">
        <strong>Idle in transaction:</strong> {idle || seen(read, 'no session')}
      </Typography>
      {longIdle.length > 0 && (
        <Box display="flex" alignItems="flex-start" mt={0.5} style={{ gap: 8 }}>
          <CheckStateIcon state="warning" />
          <Typography variant="body2">
            {longIdle.length === 1
              ? 'A session has'
              : `${longIdle.length} sessions have`}{' '}
            been idle in a transaction for over{' '}
            {formatDuration(LONG_IDLE_IN_TRANSACTION_SECONDS)}. An open
            transaction holds its locks and keeps vacuum from cleaning up: look
            for a missing commit or rollback, or a pooled connection returned
            mid-transaction.
          </Typography>
        </Box>
      )}
    </Box>
  );
}
