import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type {
  DatabaseStatus,
  DetectedKnownError,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { AsyncState } from '../common/AsyncState';
import { ActionSections, KnownErrorDetails } from './KnownErrorDetails';
import { foldKnownErrors } from './foldKnownErrors';

/**
 * The known errors detected on the database now: each cause with its
 * cause and fix, its consequences folded under it.
 */
export function DetectedKnownErrors(props: {
  status: AsyncState<DatabaseStatus>;
  sections?: ActionSections;
}) {
  const { loading, error, value } = props.status;
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not check for known errors; search the list below"
      />
    );
  }
  if (!value) return loading ? <Progress /> : null;
  if (value.knownErrors.length === 0) {
    return (
      <Typography variant="body2">
        None of the known errors was detected.
      </Typography>
    );
  }
  return (
    <>
      {foldKnownErrors(value.knownErrors).map(
        ({ error: detected, consequences }) => (
          <Box
            key={`${detected.id}-${detected.detail}`}
            component="article"
            aria-label={detected.title}
            mb={2}
          >
            <Typography variant="subtitle1" component="h5">
              {detected.title}
            </Typography>
            <KnownErrorDetails
              {...detected}
              detected
              sections={props.sections}
            />
            <Consequences errors={consequences} sections={props.sections} />
          </Box>
        ),
      )}
    </>
  );
}

/** What the cause above also breaks, folded: the fix is the cause's. */
function Consequences(props: {
  errors: DetectedKnownError[];
  sections?: ActionSections;
}) {
  if (props.errors.length === 0) return null;
  return (
    <Box mt={1}>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        Also caused by this ({props.errors.length}); fixing the cause fixes
        them:
      </Typography>
      {props.errors.map(e => (
        <Accordion
          key={`${e.id}-${e.detail}`}
          TransitionProps={{ unmountOnExit: true }}
          aria-label={e.title}
        >
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography variant="body2">{e.title}</Typography>
          </AccordionSummary>
          <AccordionDetails>
            <KnownErrorDetails {...e} detected sections={props.sections} />
          </AccordionDetails>
        </Accordion>
      ))}
    </Box>
  );
}
