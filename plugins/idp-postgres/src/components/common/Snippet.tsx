import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useId } from 'react';
import { CodeBlock } from './CodeBlock';
import { CopyButton } from './CopyButton';

/**
 * A labelled block of code or configuration with a copy button. `note`
 * goes right under it, so advice sits next to the text it concerns.
 */
export function Snippet(props: {
  label: string;
  text: string;
  note?: ReactNode;
  /** Caps the height of a long block, which then scrolls. */
  maxLines?: number;
}) {
  const { label, text, note, maxLines } = props;
  const id = useId();
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" component="div" id={id}>
        {label}
      </Typography>
      <Box display="flex" alignItems="flex-start">
        <CodeBlock text={text} maxLines={maxLines} aria-labelledby={id} />
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
