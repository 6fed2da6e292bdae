import type { KnownErrorDetector } from './KnownErrorDetector';

/**
 * The custom resource exists but is not Ready and Synced. A missing
 * resource is not this error: the resource check explains that one.
 */
export const resourceNotReady: KnownErrorDetector = {
  id: 'resource-not-ready',
  detect(facts, status) {
    const exists = facts.resource.ok && facts.resource.value;
    if (!exists || !['warning', 'error'].includes(status.resource.state)) {
      return undefined;
    }
    return { detail: status.resource.reason };
  },
  headline(found, _facts, status) {
    const creating = status.resource.state === 'warning';
    return creating
      ? {
          sentence: `Being created: ${found.detail}`,
          next: { kind: 'wait', label: 'Wait a few minutes' },
        }
      : {
          sentence: `The platform failed to reconcile the database: ${found.detail}`,
          next: { kind: 'ask-platform-team', label: 'Ask the platform team' },
        };
  },
};
