import type { DatabaseLifecycle } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseFacts } from './facts';

/**
 * Where the platform stands with a database, from whether the apps repo
 * defines it and whether the cluster has its resource. The inventory and
 * the status judge it alike.
 */
export function lifecycleOf(
  defined: boolean,
  hasResource: boolean,
): DatabaseLifecycle {
  if (defined) return hasResource ? 'deployed' : 'pending';
  return hasResource ? 'removing' : 'removed-protected';
}

/**
 * The lifecycle the facts show, or undefined when they cannot tell: the
 * inventory has not read the apps repo for this database, or the resource
 * could not be read.
 */
export function lifecycleFromFacts(
  facts: DatabaseFacts,
): DatabaseLifecycle | undefined {
  const appsRepo = facts.platform.appsRepo;
  if (!appsRepo || !facts.resource.ok) return undefined;
  return lifecycleOf(
    Boolean(appsRepo.definition),
    Boolean(facts.resource.value),
  );
}
