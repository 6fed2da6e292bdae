import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useId } from 'react';
import { CopyButton } from './CopyButton';

const useStyles = makeStyles(theme => ({
  code: {
    margin: 0,
    padding: theme.spacing(1, 1.5),
    flex: 1,
    overflowX: 'auto',
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    whiteSpace: 'pre',
    // The palette keeps code readable in light and dark themes alike.
    backgroundColor: theme.palette.background.default,
    color: theme.palette.text.primary,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/**
 * A labelled block of code or configuration with a copy button. `note`
 * goes right under it, so advice sits next to the text it concerns.
 */
export function Snippet(props: {
  label: string;
  text: string;
  note?: ReactNode;
}) {
  const { label, text, note } = props;
  const classes = useStyles();
  const id = useId();
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" component="div" id={id}>
        {label}
      </Typography>
      <Box display="flex" alignItems="flex-start">
        <pre className={classes.code} aria-labelledby={id}>
          {text}
        </pre>
        <CopyButton text={text} label={label} />
      </Box>
      {note && (
        <Typography variant="body2" color="textSecondary" component="div">
          {note}
        </Typography>
      )}
    </Box>
  );
}
