import type { DatabaseRole } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseFacts } from '../facts';
import type { KnownErrorDetector, PartialStatus } from './KnownErrorDetector';

/** Roles whose Kubernetes secret is gone while Secrets Manager may have a copy. */
function restorable(
  facts: DatabaseFacts,
  status: PartialStatus,
): DatabaseRole[] {
  return status.roles
    .map(r => r.role)
    .filter(role => {
      const k8s = facts.roles[role].kubernetesSecret;
      const sm = facts.roles[role].secretsManager;
      return (
        k8s.ok &&
        !k8s.value &&
        !(sm.ok && sm.value.presence.state === 'missing')
      );
    });
}

/**
 * A role whose Kubernetes secret is gone while Secrets Manager still has
 * (or may have) its copy, so a restore can bring it back. When Secrets
 * Manager has no copy either there is nothing to restore from, and the
 * checks say so instead.
 */
export const kubernetesSecretsMissing: KnownErrorDetector = {
  id: 'kubernetes-secrets-missing',
  detect(facts, status) {
    const { ref, names } = facts;
    const missing = restorable(facts, status);
    if (missing.length === 0) return undefined;
    return {
      detail: `Missing in namespace ${ref.namespace}: ${missing
        .map(r => names.kubernetesSecrets[r])
        .join(', ')}.`,
      roles: missing,
    };
  },
  headline(_found, facts, status) {
    const roles = restorable(facts, status);
    const missing = roles.map(role => facts.names.kubernetesSecrets[role]);
    const many = missing.length > 1;
    // A copy scheduled for deletion cannot be read until it is recovered.
    const scheduled = roles.some(role => {
      const sm = facts.roles[role].secretsManager;
      return sm.ok && sm.value.presence.state === 'scheduled-for-deletion';
    });
    return {
      sentence: `Kubernetes secret${many ? 's' : ''} ${missing.join(', ')} ${
        many ? 'are' : 'is'
      } missing in ${facts.ref.namespace}, so apps using ${
        many ? 'them' : 'it'
      } cannot start; ${
        scheduled
          ? 'Secrets Manager has the copies but deletion is scheduled: cancel it, then restore.'
          : 'Secrets Manager still has the copies to restore from.'
      }`,
      next: scheduled
        ? { kind: 'restore-secrets', label: 'Cancel the deletion and restore' }
        : { kind: 'restore-secrets', label: 'Restore the secrets' },
    };
  },
};
