import type { DatabaseStatus } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CHECK_STATE_TEXT } from '../common/CheckStateLabel';
import { CheckStateIcon } from '../common/CheckStateIcon';
import { VERDICTS } from '../common/verdicts';
import { visuallyHidden } from '../common/visuallyHidden';
import { NextActionControl } from './NextActionControl';
import type { TabActions } from './tabActions';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 1.5),
    marginBottom: theme.spacing(2),
    borderLeft: '4px solid',
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.default,
  },
  ok: { borderLeftColor: theme.palette.success.main },
  info: { borderLeftColor: theme.palette.info.main },
  warning: { borderLeftColor: theme.palette.warning.main },
  error: { borderLeftColor: theme.palette.error.main },
  unknown: { borderLeftColor: theme.palette.text.disabled },
  sentence: { fontWeight: 500 },
}));

/**
 * The verdict naming its cause in a sentence, and the one thing to do
 * next: what a developer reads first, so a broken database shows its cause
 * and fix without scrolling. The icon gives the state; its word is there
 * for screen readers.
 */
export function StatusHeadline(props: {
  status: DatabaseStatus;
  actions?: TabActions;
}) {
  const { status, actions } = props;
  const classes = useStyles();
  // A backend from before the headline sends none; the verdict then stands in.
  const headline = status.headline as DatabaseStatus['headline'] | undefined;
  return (
    <Box
      className={`${classes.root} ${classes[status.state]}`}
      role="group"
      aria-label="Verdict"
    >
      <CheckStateIcon state={status.state} fontSize="large" />
      <Box flex={1}>
        <Typography variant="body1" className={classes.sentence}>
          <span style={visuallyHidden}>{CHECK_STATE_TEXT[status.state]}: </span>
          {headline?.sentence ?? VERDICTS[status.state]}
        </Typography>
        {headline?.next && (
          <Box mt={1}>
            <NextActionControl next={headline.next} actions={actions} />
          </Box>
        )}
      </Box>
    </Box>
  );
}
