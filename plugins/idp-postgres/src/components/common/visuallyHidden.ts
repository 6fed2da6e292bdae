/**
 * Styles that keep text for screen readers (and copy-paste of the page)
 * while taking no room on screen.
 */
export const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
