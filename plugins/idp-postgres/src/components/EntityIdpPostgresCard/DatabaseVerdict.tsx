import { Progress } from '@backstage/core-components';
import type {
  DatabaseRef,
  DetectedKnownError,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { CheckStateLabel } from '../common/CheckStateLabel';
import { useDatabaseStatus } from '../common/useDatabaseStatus';
import { VERDICTS } from '../common/verdicts';

/** One item per database: its state, the verdict and the known errors detected. */
export function DatabaseVerdict(props: { dbRef: DatabaseRef }) {
  const { dbRef } = props;
  const { status } = useDatabaseStatus(dbRef);
  const name = `${dbRef.namespace}/${dbRef.name}`;
  if (status.loading) {
    return (
      <li>
        <Typography variant="body2">{name}</Typography>
        <Progress />
      </li>
    );
  }
  if (status.error || !status.value) {
    return (
      <li>
        <Typography variant="body2">
          {name}: <CheckStateLabel state="unknown" /> status could not be
          fetched ({status.error?.message ?? 'no answer'}).
        </Typography>
      </li>
    );
  }
  const { state, knownErrors } = status.value;
  return (
    <li>
      <Typography variant="body2">
        {name}: <CheckStateLabel state={state} /> {VERDICTS[state]}
      </Typography>
      {knownErrors.length > 0 && (
        <Typography variant="body2">{detectedSentence(knownErrors)}</Typography>
      )}
    </li>
  );
}

/** How many known error titles the card names before it says "and N more". */
const MAX_TITLES = 2;

/**
 * The detected known errors by title, so the card says what is wrong and
 * not only that something is; the tab has the rest and the fixes.
 * Semicolons separate the titles, which may themselves hold commas.
 */
function detectedSentence(knownErrors: DetectedKnownError[]): string {
  const count = knownErrors.length;
  const named = knownErrors.slice(0, MAX_TITLES).map(e => e.title);
  const more = count - named.length;
  const list = more > 0 ? [...named, `and ${more} more`] : named;
  return `${count} known error${count === 1 ? '' : 's'} detected: ${list.join(
    '; ',
  )}.`;
}
