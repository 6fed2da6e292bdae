import Box from '@material-ui/core/Box';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { CheckState } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** The words for each state; `unknown` is never worded as a pass or a failure. */
export const CHECK_STATE_TEXT: Record<CheckState, string> = {
  ok: 'OK',
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
    <Box component="span" whiteSpace="nowrap">
      <StateIcon state={props.state} />
    </Box>
  );
}

function StateIcon(props: { state: CheckState }) {
  const text = CHECK_STATE_TEXT[props.state];
  switch (props.state) {
    case 'ok':
      return <StatusOK>{text}</StatusOK>;
    case 'warning':
      return <StatusWarning>{text}</StatusWarning>;
    case 'error':
      return <StatusError>{text}</StatusError>;
    default:
      return <StatusAborted>{text}</StatusAborted>;
  }
}
