import { Progress } from '@backstage/core-components';
import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { CheckStateLabel } from '../common/CheckStateLabel';
import { useDatabaseStatus } from '../common/useDatabaseStatus';
import { VERDICTS } from '../StatusSection/statusChecks';

/** One line per database: its state, the verdict and how many known errors. */
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
        {knownErrors.length > 0 &&
          ` ${knownErrors.length} known error${
            knownErrors.length === 1 ? '' : 's'
          } detected.`}
      </Typography>
    </li>
  );
}
