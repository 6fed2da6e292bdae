import type { KnownErrorDetector } from './KnownErrorDetector';

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
    const missing = status.roles
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
    if (missing.length === 0) return undefined;
    return {
      detail: `Missing in namespace ${ref.namespace}: ${missing
        .map(r => names.kubernetesSecrets[r])
        .join(', ')}.`,
      roles: missing,
    };
  },
};
