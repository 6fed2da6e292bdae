import type { BackupPolicy } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { BackupsConfig } from '../config/pluginConfig';

/**
 * What restoring data means today. The manual lists backup and restore as
 * work in progress: there is no self-service restore of data, and the
 * plugin's Restore action brings back Kubernetes secrets, not data.
 */
const RESTORE_TODAY =
  'Restoring data means asking the platform team to restore an Aurora snapshot (the manual lists backup and restore as work in progress, so there is no self-service restore of data yet). The Restore action here brings back the role secrets, not data.';

/** The backups line of the monitoring report, from config. */
export function backupPolicy(backups: BackupsConfig): BackupPolicy {
  return {
    policy: backups.policy,
    ...(backups.link ? { link: backups.link } : {}),
    restore: RESTORE_TODAY,
  };
}
