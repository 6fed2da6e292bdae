import type {
  CheckResult,
  RoleStatus,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  KubernetesSecret,
  ROLE_SECRET_KEYS,
} from '../kubernetes/KubernetesGateway';
import type { LoginResult } from '../postgres/PostgresInspector';
import { endpointProblem } from '../service/secretEndpoint';
import { sameSecret } from '../service/secretDigest';
import type { SecretsManagerFact } from './facts';
import type { Outcome } from './outcome';
import { deletionSentence, purgeWindowOf } from './purgeWindow';

/** The Kubernetes secret: present, with the four keys, endpoint and port usable. */
export function kubernetesSecretCheck(
  fact: Outcome<KubernetesSecret | undefined>,
  where: { namespace: string; secretName: string; roleName: string },
): CheckResult {
  const name = `${where.namespace}/${where.secretName}`;
  if (!fact.ok) {
    return {
      state: 'unknown',
      reason: `Could not read secret ${name}: ${fact.reason}`,
    };
  }
  const secret = fact.value;
  if (!secret) {
    return { state: 'error', reason: `Kubernetes secret ${name} is missing.` };
  }
  const missing = ROLE_SECRET_KEYS.filter(key => !secret.data[key]);
  if (missing.length > 0) {
    return {
      state: 'error',
      reason: `Kubernetes secret ${name} lacks ${missing.join(
        ', ',
      )}; it needs endpoint, port, username and password.`,
    };
  }
  const problem = endpointProblem(secret.data);
  if (problem) {
    return {
      state: 'error',
      reason: `Kubernetes secret ${name} is unusable: ${problem}.`,
    };
  }
  if (secret.data.username !== where.roleName) {
    // An app reading this secret logs in as another role, with that role's
    // privileges (or not at all): wrong whichever role it names.
    return {
      state: 'error',
      reason: `Kubernetes secret ${name} names user ${secret.data.username}, but it is the secret of role ${where.roleName}: apps reading it log in as ${secret.data.username}, not as ${where.roleName}. Correct its username (restoring it from Secrets Manager with force does, when that copy is right); the plugin checks the login as ${where.roleName} only.`,
    };
  }
  return {
    state: 'ok',
    reason: `Kubernetes secret ${name} has endpoint, port, username and password.`,
  };
}

/** The Secrets Manager secret: present, missing or scheduled for deletion (with its date). */
export function secretsManagerCheck(
  fact: Outcome<SecretsManagerFact>,
  secretId: string,
): RoleStatus['secretsManagerSecret'] {
  if (!fact.ok) {
    return {
      state: 'unknown',
      reason: `Could not check Secrets Manager secret ${secretId}: ${fact.reason}`,
    };
  }
  const presence = fact.value.presence;
  if (presence.state === 'missing') {
    return {
      state: 'error',
      reason: `Secrets Manager secret ${secretId} does not exist; there is nothing to restore from.`,
    };
  }
  if (presence.state === 'scheduled-for-deletion') {
    const purgeWindow = purgeWindowOf(presence.deletedDate);
    return {
      state: 'warning',
      reason: `Secrets Manager secret ${deletionSentence(
        secretId,
        presence.deletedDate,
      )} Until the deletion is cancelled or final it cannot be read or created again.`,
      deletionDate: presence.deletedDate,
      ...(purgeWindow ? { purgeWindow } : {}),
    };
  }
  return { state: 'ok', reason: `Secrets Manager secret ${secretId} exists.` };
}

/**
 * Whether both copies hold the same four values, compared by digest so no
 * value leaves this function. A differing password breaks logins; other
 * keys only point apps elsewhere.
 */
export function agreementCheck(
  kubernetes: Outcome<KubernetesSecret | undefined>,
  secretsManager: Outcome<SecretsManagerFact>,
): CheckResult {
  if (!kubernetes.ok || !secretsManager.ok) {
    // Name the system at fault: the other copy was read and checked.
    const unread = [
      kubernetes.ok ? undefined : 'the Kubernetes copy',
      secretsManager.ok ? undefined : 'the Secrets Manager copy',
    ].filter(Boolean);
    return {
      state: 'unknown',
      reason: `Not compared: ${unread.join(' and ')} could not be read.`,
    };
  }
  if (!kubernetes.value) {
    return {
      state: 'unknown',
      reason: 'Not compared: the Kubernetes secret is missing.',
    };
  }
  const values = secretsManager.value.values;
  if (secretsManager.value.presence.state !== 'present' || !values) {
    return {
      state: 'unknown',
      reason:
        secretsManager.value.presence.state === 'present'
          ? 'Not compared here; the database status compares the copies.'
          : 'Not compared: the Secrets Manager secret cannot be read.',
    };
  }
  const data = kubernetes.value.data;
  const differing = ROLE_SECRET_KEYS.filter(
    key => !sameSecret(data[key] ?? '', values[key] ?? ''),
  );
  if (differing.includes('password')) {
    return {
      state: 'error',
      reason: `The Kubernetes secret and Secrets Manager hold different ${differing.join(
        ', ',
      )} (compared by hash).`,
    };
  }
  if (differing.length > 0) {
    return {
      state: 'warning',
      reason: `The Kubernetes secret and Secrets Manager differ in ${differing.join(
        ', ',
      )} (compared by hash); the passwords agree.`,
    };
  }
  return {
    state: 'ok',
    reason:
      'The Kubernetes secret and Secrets Manager agree (compared by hash).',
  };
}

/**
 * A login with the role's own credentials. A server we could not reach or
 * verify says nothing about the role, so those failures are `unknown`.
 */
export function loginCheck(
  fact: Outcome<LoginResult>,
  username: string,
): RoleStatus['login'] {
  if (!fact.ok) {
    return { state: 'unknown', reason: `Login not checked: ${fact.reason}` };
  }
  const result = fact.value;
  if (result.ok) {
    return { state: 'ok', reason: `Logged in as ${username} over SSL.` };
  }
  const unreachable = ['refused', 'timeout', 'tls'].includes(result.failure);
  return {
    state: unreachable ? 'unknown' : 'error',
    reason: result.reason,
    failure: result.failure,
  };
}
