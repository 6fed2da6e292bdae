import type { CheckState } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import InfoIcon from '@material-ui/icons/Info';
import WarningIcon from '@material-ui/icons/Warning';

// Colours from the palette, so light and dark themes each get theirs;
// unknown is deliberately neutral: it is neither a pass nor a failure.
const useStyles = makeStyles(theme => ({
  ok: { color: theme.palette.success.main },
  info: { color: theme.palette.info.main },
  warning: { color: theme.palette.warning.main },
  error: { color: theme.palette.error.main },
  unknown: { color: theme.palette.text.secondary },
  icon: { verticalAlign: 'middle' },
}));

// A shape per state, so the state reads without colour too.
const ICONS: Record<CheckState, typeof CheckCircleIcon> = {
  ok: CheckCircleIcon,
  info: InfoIcon,
  warning: WarningIcon,
  error: ErrorIcon,
  unknown: HelpIcon,
};

/**
 * The icon of a check state. It is decorative: whatever shows it also
 * gives the state in words (visible or for screen readers).
 */
export function CheckStateIcon(props: {
  state: CheckState;
  fontSize?: 'small' | 'default' | 'large';
}) {
  const classes = useStyles();
  const Icon = ICONS[props.state];
  return (
    <Icon
      aria-hidden
      data-state={props.state}
      fontSize={props.fontSize ?? 'small'}
      className={`${classes[props.state]} ${classes.icon}`}
    />
  );
}
