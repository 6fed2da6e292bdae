import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  DatabaseStatus,
  KNOWN_ERRORS,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useId, useState } from 'react';
import type { AsyncState } from '../common/AsyncState';
import { KnownErrorDetails } from './KnownErrorDetails';
import { searchKnownErrors } from './searchKnownErrors';

/**
 * The known errors detected for the database now, then the whole
 * catalogue, searchable by an error message. The catalogue is shown even
 * when the status cannot be fetched: it is most needed then.
 */
export function KnownErrorsSection(props: {
  status: AsyncState<DatabaseStatus>;
}) {
  const [query, setQuery] = useState('');
  // MUI ties the label to the field only through an id.
  const searchId = useId();
  const matches = searchKnownErrors(KNOWN_ERRORS, query);
  return (
    <InfoCard title="Known errors">
      <Typography variant="h6" component="h4">
        Detected now
      </Typography>
      <Detected status={props.status} />
      <Box mt={3}>
        <Typography variant="h6" component="h4">
          All known errors
        </Typography>
        <TextField
          id={searchId}
          label="Search known errors"
          helperText="Paste an error message or type a word"
          value={query}
          onChange={e => setQuery(e.target.value)}
          fullWidth
          multiline
          margin="normal"
          variant="outlined"
        />
        <Typography variant="body2" role="status" aria-live="polite">
          {matches.length === KNOWN_ERRORS.length
            ? `${matches.length} known errors`
            : `${matches.length} of ${KNOWN_ERRORS.length} known errors match`}
        </Typography>
        {matches.map(entry => (
          <Accordion key={entry.id} TransitionProps={{ unmountOnExit: true }}>
            <AccordionSummary expandIcon={<ExpandMoreIcon />}>
              <Typography>{entry.title}</Typography>
            </AccordionSummary>
            <AccordionDetails>
              <div>
                {entry.message && (
                  <Typography variant="body2" paragraph>
                    <strong>Message:</strong> <code>{entry.message}</code>
                  </Typography>
                )}
                <KnownErrorDetails
                  title={entry.title}
                  cause={entry.cause}
                  fix={entry.fix}
                />
              </div>
            </AccordionDetails>
          </Accordion>
        ))}
      </Box>
    </InfoCard>
  );
}

function Detected(props: { status: AsyncState<DatabaseStatus> }) {
  const { loading, error, value } = props.status;
  if (loading) return <Progress />;
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not check for known errors; search the list below"
      />
    );
  }
  if (!value || value.knownErrors.length === 0) {
    return (
      <Typography variant="body2">
        None of the known errors was detected.
      </Typography>
    );
  }
  return (
    <>
      {value.knownErrors.map(detected => (
        <Box
          key={`${detected.id}-${detected.detail}`}
          component="article"
          aria-label={detected.title}
          mb={2}
        >
          <Typography variant="subtitle1" component="h5">
            {detected.title}
          </Typography>
          <KnownErrorDetails {...detected} />
        </Box>
      ))}
    </>
  );
}
