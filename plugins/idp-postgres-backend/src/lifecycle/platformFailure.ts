import type { ResourceCondition } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * Why waiting will not make the database ready (or removed), or undefined
 * while it still may. The rule: the resource's `Synced` condition is
 * `False`. Crossplane (and ArgoCD through it) sets that, with reason
 * `ReconcileError` and the provider's message, when applying the resource
 * failed; the sandbox's reconciler does the same for rejected values and
 * failed provisioning (e.g. a Secrets Manager secret of that name still
 * scheduled for deletion). Someone has to change something first.
 * `Ready=False` alone (`Creating`, `Unavailable`) is the normal wait and is
 * not a failure.
 */
export function platformFailure(
  conditions: ResourceCondition[],
): string | undefined {
  const synced = conditions.find(c => c.type === 'Synced');
  if (synced?.status !== 'False') return undefined;
  const detail = synced.message ? `: ${synced.message}` : '';
  return `The platform could not apply the database's resource (Synced=False, ${
    synced.reason ?? 'no reason given'
  })${detail}`;
}
