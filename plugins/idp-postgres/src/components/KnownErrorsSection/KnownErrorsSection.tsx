import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  DatabaseStatus,
  KNOWN_ERRORS,
  KnownErrorMatch,
  matchKnownErrors,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useId, useState } from 'react';
import type { AsyncState } from '../common/AsyncState';
import { CatalogueEntry } from './CatalogueEntry';
import { KnownErrorDetails } from './KnownErrorDetails';

const WHOLE_CATALOGUE: KnownErrorMatch[] = KNOWN_ERRORS.map(entry => ({
  entry,
  score: 0,
  matched: [],
}));

/**
 * The known errors detected for the database now, then the whole
 * catalogue, searchable by an error message. The catalogue is shown even
 * when the status cannot be fetched: it is most needed then. A pasted
 * message lists the entries that explain it, best first.
 */
export function KnownErrorsSection(props: {
  status: AsyncState<DatabaseStatus>;
}) {
  const [query, setQuery] = useState('');
  // MUI ties the label to the field only through an id.
  const searchId = useId();
  const matches =
    query.trim() === '' ? WHOLE_CATALOGUE : matchKnownErrors(query);
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
        {matches.map(match => (
          <CatalogueEntry key={match.entry.id} match={match} />
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
