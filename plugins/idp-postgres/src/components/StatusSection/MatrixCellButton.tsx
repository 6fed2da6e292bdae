import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { CHECK_STATE_TEXT } from '../common/CheckStateLabel';
import { CheckStateIcon } from '../common/CheckStateIcon';
import { visuallyHidden } from '../common/visuallyHidden';
import type { MatrixCell } from './matrixRows';

/**
 * One cell of the matrix: the state's icon, its reason in a tooltip, and a
 * button that shows the reason under the matrix (for touch and keyboard).
 * The button's name carries the state and the reason, so a screen reader
 * hears them without the tooltip, and the page's text holds them too.
 */
export function MatrixCellButton(props: {
  cell: MatrixCell;
  expanded: boolean;
  detailId: string;
  onToggle: () => void;
}) {
  const { cell, expanded, detailId, onToggle } = props;
  const { result } = cell;
  if (!result) {
    return (
      <>
        <Typography variant="body2" color="textSecondary" aria-hidden>
          n/a
        </Typography>
        <span style={visuallyHidden}>
          {cell.name}: not applicable; the admin role owns the objects.
        </span>
      </>
    );
  }
  const text = `${CHECK_STATE_TEXT[result.state]}: ${result.reason}`;
  return (
    <Tooltip title={text} arrow>
      <IconButton
        size="small"
        onClick={onToggle}
        aria-expanded={expanded}
        aria-controls={detailId}
        // The name already holds the reason; the tooltip would repeat it.
        aria-describedby={undefined}
      >
        <CheckStateIcon state={result.state} />
        <span style={visuallyHidden}>
          {cell.name}: {text}
        </span>
      </IconButton>
    </Tooltip>
  );
}
