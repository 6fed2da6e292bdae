import type { MonitoringReport } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { CheckedAt } from '../common/CheckedAt';
import { BackupsLine } from './BackupsLine';
import { ConnectionUse } from './ConnectionUse';
import { SessionAges } from './SessionAges';
import { TableUpkeepTable } from './TableUpkeepTable';

function Part(props: { title: string; children: ReactNode }) {
  return (
    <Box mb={1.5}>
      <Typography variant="subtitle2" component="h5">
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function Unknown() {
  return (
    <Typography variant="body2" color="textSecondary">
      Unknown: could not be read (see below).
    </Typography>
  );
}

/**
 * Every part of the report. A part that could not be read says so in its
 * place; the reasons are listed at the end.
 */
export function MonitoringDetails(props: { report: MonitoringReport }) {
  const { report } = props;
  // The report marks no part as read, only the missing ones in words. The
  // sessions were read when anything from pg_stat_activity is here; else
  // an empty list may mean "not read", and "none" is not claimed.
  const sessionsRead =
    report.connections !== undefined ||
    report.longestQuery !== undefined ||
    report.idleInTransaction.length > 0;
  return (
    <>
      <Part title="Connections">
        {report.connections ? (
          <ConnectionUse connections={report.connections} />
        ) : (
          <Unknown />
        )}
      </Part>
      <Part title="Long sessions">
        <SessionAges report={report} read={sessionsRead} />
      </Part>
      <Part title="Largest tables">
        {report.largestTables.length > 0 ? (
          <TableUpkeepTable tables={report.largestTables} />
        ) : (
          <Typography variant="body2">
            {report.unknown.length > 0
              ? 'No tables found, or they could not be read (see below).'
              : 'No tables yet.'}
          </Typography>
        )}
      </Part>
      <Part title="Backups">
        <BackupsLine backups={report.backups} />
      </Part>
      {report.unknown.length > 0 && (
        <Part title="Not read">
          <Box component="ul" pl={2} my={0}>
            {report.unknown.map(reason => (
              <Typography component="li" variant="body2" key={reason}>
                {reason}
              </Typography>
            ))}
          </Box>
        </Part>
      )}
      <Typography variant="body2" color="textSecondary">
        <CheckedAt at={report.checkedAt} />
      </Typography>
    </>
  );
}
