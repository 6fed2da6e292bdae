import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { describeCaller } from './describeCaller';

type AuditMeta = NonNullable<AuditorServiceCreateEventOptions['meta']>;

/**
 * Runs an action's work inside an audit event, like the REST routes do:
 * every attempt is recorded, refused and failed ones included. With no
 * request to read the caller from, the event carries it in `meta.actor`
 * (the auditor's own actor field names the plugin), and `meta.via` says the
 * call came through the actions registry.
 */
export async function audited<T>(
  auditor: AuditorService,
  event: {
    eventId: string;
    severityLevel: AuditorServiceCreateEventOptions['severityLevel'];
    credentials: BackstageCredentials;
    meta: AuditMeta;
  },
  run: () => Promise<{ result: T; meta: AuditMeta }>,
): Promise<T> {
  const recorded = await auditor.createEvent({
    eventId: event.eventId,
    severityLevel: event.severityLevel,
    meta: {
      ...event.meta,
      actor: describeCaller(event.credentials),
      via: 'actions-registry',
    },
  });
  try {
    const { result, meta } = await run();
    await recorded.success({ meta });
    return result;
  } catch (error) {
    await recorded.fail({ error: error as Error });
    throw error;
  }
}
