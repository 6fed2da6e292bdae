import type {
  DatabaseRole,
  RestorePlanItem,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  KubernetesSecret,
  ROLE_SECRET_KEYS,
} from '../kubernetes/KubernetesGateway';
import type { SecretValues } from '../secretsManager/SecretsManagerGateway';
import { sameSecret } from '../service/secretDigest';

/** What restore knows about one role before deciding. Holds passwords. */
export interface RestoreInput {
  role: DatabaseRole;
  secretName: string;
  secretsManagerName: string;
  kubernetes: KubernetesSecret | undefined;
  source: SecretValues;
}

/**
 * Decides what restore does for one role. Secrets Manager is the source of
 * truth; an existing Kubernetes secret is only replaced when it differs and
 * the caller said `force`, and a source scheduled for deletion or lacking a
 * key is never copied.
 */
export function planItem(input: RestoreInput, force: boolean): RestorePlanItem {
  const base = {
    role: input.role,
    secretName: input.secretName,
    secretsManagerName: input.secretsManagerName,
  };
  const { source, kubernetes } = input;
  if (source.state === 'missing') {
    return {
      ...base,
      action: 'skip-source-missing',
      reason: `Secrets Manager has no secret ${input.secretsManagerName} to restore from.`,
    };
  }
  if (source.state === 'scheduled-for-deletion') {
    return {
      ...base,
      action: 'skip-scheduled-for-deletion',
      reason: `Secrets Manager secret ${input.secretsManagerName} is scheduled for deletion and cannot be read; cancel the deletion (restore-secret) first.`,
    };
  }
  const lacking = ROLE_SECRET_KEYS.filter(key => !source.values[key]);
  if (lacking.length > 0) {
    return {
      ...base,
      action: 'skip-source-missing',
      reason: `Secrets Manager secret ${
        input.secretsManagerName
      } lacks ${lacking.join(', ')}.`,
    };
  }
  if (!kubernetes) {
    return {
      ...base,
      action: 'create',
      reason: `Kubernetes secret ${input.secretName} is missing; it will be created from Secrets Manager.`,
    };
  }
  const differing = ROLE_SECRET_KEYS.filter(
    key => !sameSecret(kubernetes.data[key] ?? '', source.values[key]),
  );
  if (differing.length === 0) {
    return {
      ...base,
      action: 'skip-in-sync',
      reason: `Kubernetes secret ${input.secretName} already agrees with Secrets Manager.`,
    };
  }
  return force
    ? {
        ...base,
        action: 'overwrite',
        reason: `Kubernetes secret ${
          input.secretName
        } differs in ${differing.join(
          ', ',
        )}; force was given, so it will be replaced from Secrets Manager.`,
      }
    : {
        ...base,
        action: 'skip-differs',
        reason: `Kubernetes secret ${
          input.secretName
        } differs in ${differing.join(
          ', ',
        )}; restore with force to replace it from Secrets Manager.`,
      };
}

/** The four keys of a role secret, taken from the Secrets Manager copy. */
export function roleSecretData(
  values: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(ROLE_SECRET_KEYS.map(key => [key, values[key]]));
}
