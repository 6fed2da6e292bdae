import { makeStyles } from '@material-ui/core/styles';

const LINE_HEIGHT_EM = 1.5;
// Padding and border of the box, which count in its height (border-box).
const FRAME_PX = 18;

const useStyles = makeStyles(theme => ({
  code: {
    margin: 0,
    padding: theme.spacing(1, 1.5),
    // In a flex row a box is as wide as its longest line unless allowed
    // to shrink; that cut long SQL off at the card's edge.
    flex: 1,
    minWidth: 0,
    // Long lines wrap inside the box, breaking even inside a long name,
    // and keep their indentation; anything still too wide scrolls.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    overflowX: 'auto',
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    lineHeight: LINE_HEIGHT_EM,
    // The palette keeps code readable in light and dark themes alike.
    backgroundColor: theme.palette.background.default,
    color: theme.palette.text.primary,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/**
 * Code or configuration in a box that never cuts a line off. `maxLines`
 * caps the height of a long block, which then scrolls; the whole text
 * stays in the page for copying and searching.
 */
export function CodeBlock(props: {
  text: string;
  maxLines?: number;
  'aria-labelledby'?: string;
  'aria-label'?: string;
}) {
  const { text, maxLines, ...aria } = props;
  const classes = useStyles();
  return (
    <pre
      className={classes.code}
      // Keyboard users can scroll a box only once it takes the focus
      // (axe: scrollable-region-focusable); its label names the box.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={maxLines ? 0 : undefined}
      style={
        maxLines
          ? {
              maxHeight: `calc(${maxLines * LINE_HEIGHT_EM}em + ${FRAME_PX}px)`,
              overflowY: 'auto',
            }
          : {}
      }
      {...aria}
    >
      {text}
    </pre>
  );
}
