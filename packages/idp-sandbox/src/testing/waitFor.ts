/**
 * Waits until `condition` holds, checking every 10 ms, for tests that wait
 * on a server's own bookkeeping (a socket it has yet to see close).
 */
export async function waitFor(
  condition: () => boolean,
  timeoutMs = 2000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
