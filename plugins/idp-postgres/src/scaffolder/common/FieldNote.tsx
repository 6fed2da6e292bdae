import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import OkIcon from '@material-ui/icons/CheckCircleOutline';
import ErrorIcon from '@material-ui/icons/ErrorOutline';
import InfoIcon from '@material-ui/icons/InfoOutlined';
import WarningIcon from '@material-ui/icons/ReportProblemOutlined';
import type { ReactNode } from 'react';

/** How a note weighs: it picks the icon and its colour, never the text's. */
export type FieldNoteSeverity = 'ok' | 'info' | 'warning' | 'error';

// Only the icon takes the palette colour: body text in warning yellow is
// hard to read on the light theme's paper, and the icon carries the weight.
const useStyles = makeStyles(theme => ({
  ok: { color: theme.palette.success.main },
  info: { color: theme.palette.info.main },
  warning: { color: theme.palette.warning.main },
  error: { color: theme.palette.error.main },
}));

const ICONS = {
  ok: OkIcon,
  info: InfoIcon,
  warning: WarningIcon,
  error: ErrorIcon,
};

/**
 * A sentence under a form field with an icon for its weight, so the weight
 * does not rest on colour alone.
 */
export function FieldNote(props: {
  severity: FieldNoteSeverity;
  children: ReactNode;
  id?: string;
}) {
  const classes = useStyles();
  const Icon = ICONS[props.severity];
  return (
    <Box display="flex" alignItems="flex-start" mt={1} id={props.id}>
      <Box mr={1} display="flex" aria-hidden>
        <Icon fontSize="small" className={classes[props.severity]} />
      </Box>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}
