import {
  DatabaseProgress,
  DatabaseWatch,
  databaseName,
  databaseTabPath,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { PluginConfig } from '../config/pluginConfig';
import { databaseTabUrl } from './databaseLinks';

/** The notifications' topic, for people to filter by. */
export const NOTIFICATION_TOPIC = 'idp-postgres';

/** How a watch ends: what it waited for happened, failed, or took too long. */
export type WatchOutcome = 'complete' | 'failed' | 'expired';

/** Whether a watch ends now, and how; undefined while it keeps waiting. */
export function watchOutcome(
  watch: DatabaseWatch,
  progress: DatabaseProgress,
  now: Date,
): WatchOutcome | undefined {
  if (progress.complete) return 'complete';
  if (progress.failed) return 'failed';
  if (now.getTime() >= Date.parse(watch.expiresAt)) return 'expired';
  return undefined;
}

/**
 * What the owner and the requester are told. The scope is the database, so
 * the notifications backend replaces an earlier notification about the same
 * database instead of piling them up.
 */
export function watchNotification(
  watch: DatabaseWatch,
  progress: DatabaseProgress,
  outcome: WatchOutcome,
  config: PluginConfig,
): NotificationPayload {
  const ref = { namespace: watch.namespace, name: watch.name };
  const database = databaseName(ref);
  const removal = (watch.expect ?? 'ready') === 'removed';
  const goal = removal ? 'removed' : 'ready';
  const texts: Record<WatchOutcome, { title: string; description: string }> = {
    complete: {
      title: `PostgreSQL database ${database} is ${goal}`,
      description: removal
        ? `${formatDatabaseRef(
            ref,
          )} is no longer defined in the apps repo and its resource is gone from the cluster.`
        : `${formatDatabaseRef(
            ref,
          )} is ready: its resource is Ready and its Kubernetes and Secrets Manager secrets exist. Connect an app with the connect template.`,
    },
    failed: {
      title: removal
        ? `PostgreSQL database ${database} could not be removed`
        : `PostgreSQL database ${database} failed`,
      description: progress.reason,
    },
    expired: {
      title: `PostgreSQL database ${database} is still not ${goal}`,
      description: `After ${duration(
        Date.parse(watch.expiresAt) - Date.parse(watch.createdAt),
      )}, still missing: ${progress.steps
        .filter(s => !s.done)
        .map(s => `${s.step} (${s.detail})`)
        .join('; ')}${
        progress.unknown.length
          ? ` Could not be read: ${progress.unknown.join('; ')}`
          : ''
      }`,
    },
  };
  return {
    ...texts[outcome],
    link: watch.link ?? databaseTabUrl(config, ref) ?? databaseTabPath(ref),
    severity: outcome === 'failed' ? 'high' : 'normal',
    topic: NOTIFICATION_TOPIC,
    scope: `${NOTIFICATION_TOPIC}:${formatDatabaseRef(ref)}`,
  };
}

/** A watch period for people: `24 h`, `90 min`, `7 s`. */
function duration(ms: number): string {
  if (ms >= 3_600_000) return `${Math.round(ms / 360_000) / 10} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}
