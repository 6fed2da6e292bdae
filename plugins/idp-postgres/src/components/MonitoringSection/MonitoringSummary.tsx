import type { MonitoringReport } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { formatBytes } from './monitoringFormat';

/** The three numbers people look for first, in one line; "unknown" for a part not read. */
export function MonitoringSummary(props: { report: MonitoringReport }) {
  const { sizeBytes, connections, serverVersion } = props.report;
  const parts = [
    `Size ${sizeBytes === undefined ? 'unknown' : formatBytes(sizeBytes)}`,
    connections
      ? `${connections.total} of ${connections.limit} connections`
      : 'connections unknown',
    serverVersion ? `PostgreSQL ${serverVersion}` : 'server version unknown',
  ];
  return <Typography variant="body2">{parts.join(' · ')}</Typography>;
}
