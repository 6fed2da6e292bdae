import assert from 'node:assert/strict';

/**
 * Calls `fn` until it returns a value, treating a throw like "not yet": the
 * dev backend restarts when someone edits a backend package during a run,
 * and answers again a few seconds later.
 */
export async function pollUntil<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}
