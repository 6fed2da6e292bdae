import {
  KNOWN_ERRORS,
  KnownErrorMatch,
  matchKnownErrors,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useId, useState } from 'react';
import { CatalogueEntry } from './CatalogueEntry';

const WHOLE_CATALOGUE: KnownErrorMatch[] = KNOWN_ERRORS.map(entry => ({
  entry,
  score: 0,
  matched: [],
}));

/**
 * Every known error, searchable by a pasted error message. The search is
 * always there; the full list waits behind a button, so a healthy
 * database's tab stays short. A search shows its matches, best first.
 */
export function KnownErrorCatalogue() {
  const [query, setQuery] = useState('');
  const [showAll, setShowAll] = useState(false);
  // MUI ties the label to the field only through an id.
  const searchId = useId();
  const listId = useId();
  const searching = query.trim() !== '';
  const matches = searching ? matchKnownErrors(query) : WHOLE_CATALOGUE;
  const listed = searching || showAll ? matches : [];
  return (
    <>
      <TextField
        id={searchId}
        label="Search known errors"
        helperText="Paste an error message or type a word"
        value={query}
        onChange={e => setQuery(e.target.value)}
        fullWidth
        multiline
        margin="dense"
        variant="outlined"
      />
      <Typography variant="body2" role="status" aria-live="polite">
        {searching
          ? `${matches.length} of ${KNOWN_ERRORS.length} known errors match`
          : `${KNOWN_ERRORS.length} known errors`}
      </Typography>
      {!searching && (
        <Button
          size="small"
          onClick={() => setShowAll(s => !s)}
          aria-expanded={showAll}
          aria-controls={listId}
          endIcon={showAll ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        >
          {showAll ? 'Hide the list' : 'Show them all'}
        </Button>
      )}
      <div id={listId}>
        {listed.map(match => (
          <CatalogueEntry key={match.entry.id} match={match} />
        ))}
      </div>
    </>
  );
}
