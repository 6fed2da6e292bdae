import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import { FieldNote } from '../common/FieldNote';
import type { NewDatabaseCheckState } from './useNewDatabaseCheck';

/**
 * The backend's verdict on the name, beyond what belongs to one input:
 * progress, a backend that could not be reached, re-adding a kept database,
 * production rules and problems about neither input alone.
 */
export function CheckNotes(props: {
  state: NewDatabaseCheckState;
  otherProblems: string[];
}) {
  const { checking, check, error } = props.state;
  // One live region, so a screen reader hears the verdict once it settles.
  return (
    <Box role="status" aria-live="polite">
      {checking && (
        <Box display="flex" alignItems="center" mt={1}>
          <CircularProgress size={16} aria-label="Checking the name" />
          <Box ml={1}>
            <Typography variant="body2" color="textSecondary">
              Checking the name…
            </Typography>
          </Box>
        </Box>
      )}
      {error && (
        <FieldNote severity="warning">
          The checks could not run ({error.message}). The template checks the
          name again when it runs.
        </FieldNote>
      )}
      {props.otherProblems.map(message => (
        <FieldNote severity="error" key={message}>
          {message}
        </FieldNote>
      ))}
      {check?.readd && (
        <FieldNote severity="info">
          This re-adds the existing database {check.database}; its data is kept.{' '}
          {check.readd.message}
        </FieldNote>
      )}
      {check?.production && (
        <FieldNote severity="info">
          Production namespace: deletion protection is required.
        </FieldNote>
      )}
      {check?.allowed && !check.readd && (
        <FieldNote severity="ok">
          Checked: the name is free on the platform.
        </FieldNote>
      )}
    </Box>
  );
}
