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

/** What the caller allowed restore to do. */
export interface PlanOptions {
  /** Replace a Kubernetes secret that differs from Secrets Manager. */
  force: boolean;
  /** Cancel a scheduled deletion in Secrets Manager and restore from that secret. */
  restoreScheduledSecrets: boolean;
}

/**
 * Decides what restore does for one role. Secrets Manager is the source of
 * truth; an existing Kubernetes secret is only replaced when it differs and
 * the caller said `force`, a source lacking a key is never copied, and one
 * scheduled for deletion only when the caller asked to cancel its deletion.
 */
export function planItem(
  input: RestoreInput,
  options: PlanOptions,
): RestorePlanItem {
  const { force } = options;
  const base = {
    role: input.role,
    secretName: input.secretName,
    secretsManagerName: input.secretsManagerName,
  };
  const { source, kubernetes } = input;
  if (
    source.state === 'scheduled-for-deletion' &&
    options.restoreScheduledSecrets
  ) {
    return planScheduled(input, force);
  }
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
      reason: `Secrets Manager secret ${input.secretsManagerName} is scheduled for deletion and cannot be read; restore with restoreScheduledSecrets to cancel the deletion (RestoreSecret) first.`,
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

/**
 * A source scheduled for deletion cannot be read until RestoreSecret cancels
 * the deletion, so a present Kubernetes secret can only be compared after
 * that; the run plans such a role again with the value it then reads.
 */
function planScheduled(input: RestoreInput, force: boolean): RestorePlanItem {
  const base = {
    role: input.role,
    secretName: input.secretName,
    secretsManagerName: input.secretsManagerName,
    secretsManagerStep: 'cancel-deletion' as const,
  };
  const cancel = `Secrets Manager secret ${input.secretsManagerName} is scheduled for deletion; its deletion will be cancelled (RestoreSecret)`;
  if (!input.kubernetes) {
    return {
      ...base,
      action: 'create',
      reason: `${cancel}, then the missing Kubernetes secret ${input.secretName} created from it.`,
    };
  }
  return force
    ? {
        ...base,
        action: 'overwrite',
        reason: `${cancel}, then Kubernetes secret ${input.secretName} compared with it and replaced if it differs (force).`,
      }
    : {
        ...base,
        action: 'skip-differs',
        reason: `${cancel}; Kubernetes secret ${input.secretName} exists and cannot be compared before that, so it is left alone (restore with force to replace it if it differs).`,
      };
}

/**
 * The four keys of a role secret, taken from the Secrets Manager copy.
 * Throws rather than return a secret lacking one: the plan skips such a
 * source, and this keeps any other path from writing a partial secret.
 */
export function roleSecretData(
  values: Record<string, string>,
): Record<string, string> {
  const lacking = ROLE_SECRET_KEYS.filter(key => !values[key]);
  if (lacking.length > 0) {
    throw new Error(
      `The Secrets Manager copy lacks ${lacking.join(
        ', ',
      )}; nothing was written`,
    );
  }
  return Object.fromEntries(ROLE_SECRET_KEYS.map(key => [key, values[key]]));
}
