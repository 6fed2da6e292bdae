import type { CheckState } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import { CheckStateIcon } from './CheckStateIcon';

/** The words for each state; `unknown` is never worded as a pass or a failure. */
export const CHECK_STATE_TEXT: Record<CheckState, string> = {
  ok: 'OK',
  info: 'Info',
  warning: 'Warning',
  error: 'Error',
  unknown: 'Unknown',
};

/**
 * A check state as an icon and a word, so it does not rely on colour. The
 * word never wraps: in a narrow table column "Unknown" split into syllables.
 */
export function CheckStateLabel(props: { state: CheckState }) {
  return (
    <Box
      component="span"
      whiteSpace="nowrap"
      display="inline-flex"
      alignItems="center"
      style={{ gap: 4 }}
    >
      <CheckStateIcon state={props.state} />
      <span>{CHECK_STATE_TEXT[props.state]}</span>
    </Box>
  );
}
