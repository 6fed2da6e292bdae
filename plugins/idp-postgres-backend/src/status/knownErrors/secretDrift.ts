import type { KnownErrorDetector } from './KnownErrorDetector';

/**
 * The copies of a role's password disagree: by digest, or because the
 * database refuses the Kubernetes secret's password (28P01), which is the
 * symptom an app sees.
 */
export const secretDrift: KnownErrorDetector = {
  id: 'secret-drift',
  detect(_facts, status) {
    const drifted = status.roles.filter(
      r =>
        r.secretAgreement.state === 'error' ||
        r.login.failure === 'wrong-password',
    );
    if (drifted.length === 0) return undefined;
    return {
      detail: drifted
        .map(
          r =>
            `${r.role}: ${
              r.login.failure === 'wrong-password'
                ? r.login.reason
                : r.secretAgreement.reason
            }`,
        )
        .join(' '),
      roles: drifted.map(r => r.role),
    };
  },
  headline(found) {
    return {
      sentence: `The copies of a password disagree, so apps using the Kubernetes secret may not log in: ${found.detail}`,
      next: { kind: 'restore-secrets', label: 'Restore with force' },
    };
  },
};
