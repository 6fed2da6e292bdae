import { InfoCard } from '@backstage/core-components';
import type { DatabaseStatus } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { AsyncState } from '../common/AsyncState';
import { DetectedKnownErrors } from './DetectedKnownErrors';
import { KnownErrorCatalogue } from './KnownErrorCatalogue';
import type { ActionSections } from './KnownErrorDetails';

/**
 * The known errors detected for the database now, then the whole
 * catalogue, searchable by an error message. The catalogue is shown even
 * when the status cannot be fetched: it is most needed then.
 */
export function KnownErrorsSection(props: {
  status: AsyncState<DatabaseStatus>;
  /** Where the Grants and Restore sections are, for fixes they carry out. */
  sections?: ActionSections;
}) {
  return (
    <InfoCard title="Known errors">
      <Typography variant="h6" component="h4">
        Detected now
      </Typography>
      <DetectedKnownErrors status={props.status} sections={props.sections} />
      <Box mt={2}>
        <Typography variant="h6" component="h4">
          All known errors
        </Typography>
        <KnownErrorCatalogue />
      </Box>
    </InfoCard>
  );
}
