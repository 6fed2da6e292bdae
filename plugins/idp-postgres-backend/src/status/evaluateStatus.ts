import {
  CheckState,
  DATABASE_ROLES,
  DatabaseStatus,
  RoleStatus,
  worstCheckState,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { grantsCheck, resourceCheck } from './databaseChecks';
import { detectKnownErrors } from './detectKnownErrors';
import type { DatabaseFacts } from './facts';
import {
  agreementCheck,
  kubernetesSecretCheck,
  loginCheck,
  secretsManagerCheck,
} from './roleChecks';

/**
 * Judges the facts of one database: every check with its reason, the known
 * errors that apply, and the overall state. Checks that were skipped
 * because another failed (no credentials, nothing to compare) are shown but
 * not counted, so the overall state names the cause, not its echoes.
 */
export function evaluateStatus(
  facts: DatabaseFacts,
  now: Date = new Date(),
): DatabaseStatus {
  const { ref, names } = facts;
  const counted: CheckState[] = [];
  const resource = resourceCheck(facts.resource, {
    ...ref,
    plural: facts.resourcePlural,
  });
  counted.push(resource.state);

  const roles: RoleStatus[] = DATABASE_ROLES.map(role => {
    const f = facts.roles[role];
    const status: RoleStatus = {
      role,
      roleName: names.roles[role],
      kubernetesSecret: kubernetesSecretCheck(f.kubernetesSecret, {
        namespace: ref.namespace,
        secretName: names.kubernetesSecrets[role],
        roleName: names.roles[role],
      }),
      secretsManagerSecret: secretsManagerCheck(
        f.secretsManager,
        names.secretsManagerSecrets[role],
      ),
      secretAgreement: agreementCheck(f.kubernetesSecret, f.secretsManager),
      login: loginCheck(f.login, names.roles[role]),
    };
    counted.push(
      status.kubernetesSecret.state,
      status.secretsManagerSecret.state,
    );
    if (!(!f.login.ok && f.login.skipped)) counted.push(status.login.state);
    const compared =
      !f.kubernetesSecret.ok ||
      !f.secretsManager.ok ||
      (f.kubernetesSecret.value && f.secretsManager.value.values);
    if (compared) counted.push(status.secretAgreement.state);
    return status;
  });

  const grants: DatabaseStatus['grants'] = facts.grants
    ? grantsCheck(facts.grants)
    : {
        state: 'unknown',
        reason: 'Grants are checked in the database status.',
      };
  if (facts.grants && !(!facts.grants.ok && facts.grants.skipped)) {
    counted.push(grants.state);
  }

  const partial = { resource, roles, grants };
  return {
    namespace: ref.namespace,
    name: ref.name,
    database: names.database,
    state: worstCheckState(counted),
    ...partial,
    knownErrors: detectKnownErrors(facts, partial),
    checkedAt: now.toISOString(),
  };
}

/**
 * The verdict in one sentence, for the inventory and the list: the titles
 * of the known errors found, or else the reason of the worst check (grants
 * included, as in the full status).
 */
export function verdictReason(status: DatabaseStatus): string {
  if (status.state === 'ok') {
    return 'Healthy: resource ready, secrets present, every role logs in, grants in place.';
  }
  if (status.knownErrors.length > 0) {
    return `${status.knownErrors.map(e => e.title).join('; ')}.`;
  }
  const worst = [
    status.resource,
    ...status.roles.flatMap(r => [
      r.kubernetesSecret,
      r.secretsManagerSecret,
      r.secretAgreement,
      r.login,
    ]),
    status.grants,
  ].find(c => c.state === status.state);
  return worst?.reason ?? `Some checks are ${status.state}.`;
}
