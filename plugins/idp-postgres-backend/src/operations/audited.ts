import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import type { Caller } from './caller';
import { describeCaller } from './describeCaller';

type AuditMeta = NonNullable<AuditorServiceCreateEventOptions['meta']>;

/**
 * Runs an operation inside an audit event: every attempt is recorded,
 * refused and failed ones included. A request names its caller to the
 * auditor; an action has no request (the auditor's actor would be the
 * plugin itself), so its event carries the caller in `meta.actor`, and
 * `meta.via` says the call came through the actions registry.
 */
export async function audited<T>(
  auditor: AuditorService,
  event: {
    eventId: string;
    severityLevel: AuditorServiceCreateEventOptions['severityLevel'];
    caller: Caller;
    meta: AuditMeta;
  },
  run: () => Promise<{
    result: T;
    meta: AuditMeta;
    /**
     * Set when the operation ran but did not do all it should (e.g. one of
     * several deletions failed): the result is still returned to the
     * caller, and the event is recorded as a failure.
     */
    failure?: Error;
  }>,
): Promise<T> {
  const { caller } = event;
  const recorded = await auditor.createEvent({
    eventId: event.eventId,
    severityLevel: event.severityLevel,
    ...('request' in caller
      ? { request: caller.request, meta: event.meta }
      : {
          meta: {
            ...event.meta,
            actor: describeCaller(caller.credentials),
            via: 'actions-registry',
          },
        }),
  });
  try {
    const { result, meta, failure } = await run();
    if (failure) await recorded.fail({ meta, error: failure });
    else await recorded.success({ meta });
    return result;
  } catch (error) {
    await recorded.fail({ error: error as Error });
    throw error;
  }
}
