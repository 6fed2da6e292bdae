/**
 * How long a test waits for what a user waits for. The 1 s default of
 * `findBy…` and `waitFor` was exceeded on a loaded machine; a real failure
 * still fails, only later. setupTests makes it every wait's default; the
 * sections' tests also pass it, so they read the same in any setup.
 */
export const UI_TIMEOUT_MS = 5000;
