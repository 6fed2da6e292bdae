import assert from 'node:assert/strict';

/**
 * Calls `fn` every 2 s until it returns a value, treating a throw like "not
 * yet": the dev backend restarts when someone edits a backend package during
 * a run, and answers again a few seconds later. The timeout's message has
 * the last error, if any.
 */
export async function pollUntil<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    let value: T | undefined;
    try {
      value = await fn();
    } catch (error) {
      last = error;
    }
    if (value !== undefined) return value;
    assert.ok(
      Date.now() < deadline,
      `timed out waiting for ${what}${
        last ? `; last error: ${(last as Error).message}` : ''
      }`,
    );
    await new Promise(r => setTimeout(r, 2000));
  }
}
