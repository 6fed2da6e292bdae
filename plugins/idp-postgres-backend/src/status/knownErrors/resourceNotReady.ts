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
};
