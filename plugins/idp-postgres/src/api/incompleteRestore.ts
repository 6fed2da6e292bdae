import { ResponseError } from '@backstage/errors';
import type { RestoreResult } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * A restore that ran but could not write every secret: what the backend said.
 *
 * @public
 */
export interface IncompleteRestore {
  /** Which secrets could not be restored and why, in a sentence. */
  message: string;
  /** What was done per secret, the failed ones with their error. */
  result: RestoreResult;
}

/**
 * The per-secret results carried by the error of a restore that did not
 * complete (the backend answers 502 with them, so a caller that looks only
 * at the status cannot take it for a success), or undefined for any other
 * error.
 *
 * @public
 */
export function incompleteRestoreOf(
  error: unknown,
): IncompleteRestore | undefined {
  if (!ResponseError.is(error)) return undefined;
  const body = error.body.error as {
    name?: string;
    message?: string;
    result?: RestoreResult;
  };
  if (
    body.name !== 'RestoreIncompleteError' ||
    !Array.isArray(body.result?.items)
  ) {
    return undefined;
  }
  return { message: body.message ?? error.message, result: body.result! };
}
