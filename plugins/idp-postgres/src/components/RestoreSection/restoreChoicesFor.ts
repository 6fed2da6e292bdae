import type { DatabaseStatus } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { RestoreChoices } from './RestoreOptionsForm';

/**
 * The options a restore started from the headline needs, so its plan does
 * what the headline said ("Restore with force", "Cancel the deletion"):
 * overwrite when a password differs between the copies, cancel deletions
 * when a Secrets Manager copy is scheduled for deletion. Options already
 * ticked stay ticked; the plan is a dry run and the confirmation names
 * every change, so nothing runs unseen.
 */
export function restoreChoicesFor(
  status: DatabaseStatus | undefined,
  current: RestoreChoices,
): RestoreChoices {
  if (!status) return current;
  return {
    ...current,
    force:
      current.force ||
      status.roles.some(r => r.secretAgreement.state === 'error'),
    restoreScheduledSecrets:
      current.restoreScheduledSecrets ||
      status.roles.some(r => r.secretsManagerSecret.deletionDate !== undefined),
  };
}
