import { CustomErrorBase } from '@backstage/errors';
import {
  RestoreResult,
  restoreFailureMessage,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * A restore that ran but could not write every secret it planned (outcome
 * `partial` or `failed`): an upstream system, Kubernetes or Secrets Manager,
 * refused or did not answer. Backstage's error handler answers it with 502
 * and serialises `result` beside the name and message, so the caller gets
 * what was done per secret together with the error.
 */
export class RestoreIncompleteError extends CustomErrorBase {
  readonly result: RestoreResult;

  constructor(result: RestoreResult) {
    super(
      restoreFailureMessage(result) ??
        `The restore of ${result.namespace}/${result.name} did not complete`,
    );
    this.name = 'RestoreIncompleteError';
    this.result = result;
  }

  /**
   * What Backstage's error handler answers with. A getter, so it is read
   * there but not serialised into the body.
   */
  get statusCode(): number {
    return 502;
  }
}
