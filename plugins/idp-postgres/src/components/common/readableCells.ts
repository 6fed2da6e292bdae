import { makeStyles } from '@material-ui/core/styles';

/**
 * Table cells whose words break only between words. Backstage's theme
 * gives every table cell `word-break: break-word`, which lets a narrow
 * column break words into letters ("R ol e", "Skipp ed"). The doubled
 * class outranks the theme's, whose sheet is injected after ours.
 */
export const useReadableCells = makeStyles({
  readable: {
    '&&': { wordBreak: 'normal', overflowWrap: 'normal', hyphens: 'manual' },
  },
});
