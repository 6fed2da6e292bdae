import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  DatabaseRef,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  backendMessage,
  IdpPostgresBackendClient,
} from './IdpPostgresBackendClient';

/**
 * Asks the backend for a dry run of the forced secret deletion, to learn
 * before anything is published whether the user may do it. While the
 * definition still exists the backend answers 409, which means the right
 * is there and only the precondition is pending ("pending"); 403 means the
 * user is not a platform admin, and becomes a NotAllowedError that says
 * what to do instead.
 */
export async function checkForceDeletePermission(
  platform: IdpPostgresBackendClient,
  credentials: BackstageCredentials,
  ref: DatabaseRef,
  refusedBecause: string,
): Promise<'allowed' | 'pending'> {
  try {
    await platform.forceDeleteSecrets(credentials, ref, { dryRun: true });
    return 'allowed';
  } catch (error) {
    if (!(error instanceof Error)) {
      throw error;
    }
    if (error.name === 'ConflictError') {
      return 'pending';
    }
    if (error.name === 'NotAllowedError') {
      throw new NotAllowedError(
        `${refusedBecause} Force-deleting the Secrets Manager secrets of ${formatDatabaseRef(
          ref,
        )} needs a platform admin, which you are not (${backendMessage(
          error,
        )}). Ask the IDP team in your onboarding Slack channel to run this template for you.`,
      );
    }
    throw error;
  }
}
