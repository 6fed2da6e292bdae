import type { CheckState } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** The one-sentence verdict for the overall state, the same in the tab and the card. */
export const VERDICTS: Record<CheckState, string> = {
  ok: 'Healthy: every check passed.',
  info: 'Healthy: nothing needs doing, but a note is worth knowing.',
  warning: 'Working, but something needs attention.',
  error: 'Broken: at least one check failed.',
  unknown:
    'Not every check could be run, so the health is partly unknown; the unknown checks say why.',
};
