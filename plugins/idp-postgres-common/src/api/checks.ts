/**
 * How one check of a database came out.
 * - `ok`: checked and fine.
 * - `warning`: works today, but something needs attention.
 * - `info`: worth knowing, nothing to do yet (e.g. a role without
 *   privileges that no app uses).
 * - `error`: checked and broken.
 * - `unknown`: could not be checked (a system was down, slow or refused us); the reason says why.
 *
 * @public
 */
export type CheckState = 'ok' | 'info' | 'warning' | 'error' | 'unknown';

/** Every check state, worst first, so the worst of several states is easy to pick. @public */
export const CHECK_STATES_WORST_FIRST: readonly CheckState[] = [
  'error',
  'unknown',
  'warning',
  'info',
  'ok',
];

/**
 * The result of one check, with a sentence that says why it has its state.
 *
 * @public
 */
export interface CheckResult {
  state: CheckState;
  /** Why the check has this state, in a sentence a person can act on. */
  reason: string;
}

/** The worst of several states; `ok` for none. @public */
export function worstCheckState(states: readonly CheckState[]): CheckState {
  for (const state of CHECK_STATES_WORST_FIRST) {
    if (states.includes(state)) {
      return state;
    }
  }
  return 'ok';
}
