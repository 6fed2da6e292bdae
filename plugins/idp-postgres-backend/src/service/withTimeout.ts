import { ServiceUnavailableError } from '@backstage/errors';

/**
 * Rejects with a ServiceUnavailableError when `work` takes longer than
 * `timeoutMs`, so one slow system cannot hold a whole response. The work
 * itself is not cancelled; its late result is ignored.
 */
export async function withTimeout<T>(
  work: Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ServiceUnavailableError(
            `${what} did not answer within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
