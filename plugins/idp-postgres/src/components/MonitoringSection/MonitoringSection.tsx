import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { MonitoringReport } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useId, useState } from 'react';
import type { AsyncState } from '../common/AsyncState';
import { CheckStateIcon } from '../common/CheckStateIcon';
import { MonitoringDetails } from './MonitoringDetails';
import { MonitoringSummary } from './MonitoringSummary';
import {
  BUSY_CONNECTIONS_SHARE,
  LONG_IDLE_IN_TRANSACTION_SECONDS,
} from './monitoringFormat';

/**
 * Read-only monitoring in one line (size, connections, server version),
 * with the details behind a button: most visits do not need them. What
 * deserves attention is said in the line, so it is seen folded too.
 */
export function MonitoringSection(props: {
  monitoring: AsyncState<MonitoringReport>;
}) {
  const { loading, error, value } = props.monitoring;
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <InfoCard title="Monitoring">
      {error && (
        <ResponseErrorPanel
          error={error}
          title="Could not read the monitoring"
        />
      )}
      {!error && !value && loading && <Progress />}
      {!error && value && (
        <>
          <MonitoringSummary report={value} />
          <Attention report={value} />
          <Button
            size="small"
            onClick={() => setOpen(o => !o)}
            aria-expanded={open}
            aria-controls={detailsId}
            endIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          >
            {open ? 'Hide details' : 'Show details'}
          </Button>
          <div id={detailsId}>
            <Collapse in={open} unmountOnExit>
              <Box mt={1}>
                <MonitoringDetails report={value} />
              </Box>
            </Collapse>
          </div>
        </>
      )}
    </InfoCard>
  );
}

/** What in the report deserves a look, said while the details are folded. */
function Attention(props: { report: MonitoringReport }) {
  const { connections, idleInTransaction, unknown } = props.report;
  const notes = [
    connections &&
    connections.limit > 0 &&
    connections.total / connections.limit >= BUSY_CONNECTIONS_SHARE
      ? 'Connections are close to the limit.'
      : undefined,
    idleInTransaction.some(s => s.seconds >= LONG_IDLE_IN_TRANSACTION_SECONDS)
      ? 'A session has been idle in a transaction for long.'
      : undefined,
  ].filter((n): n is string => n !== undefined);
  return (
    <>
      {notes.map(note => (
        <Box key={note} display="flex" alignItems="center" style={{ gap: 8 }}>
          <CheckStateIcon state="warning" />
          <Typography variant="body2">{note}</Typography>
        </Box>
      ))}
      {unknown.length > 0 && (
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <CheckStateIcon state="unknown" />
          <Typography variant="body2">
            {unknown.length === 1 ? 'One part' : `${unknown.length} parts`}{' '}
            could not be read; the details say why.
          </Typography>
        </Box>
      )}
    </>
  );
}
