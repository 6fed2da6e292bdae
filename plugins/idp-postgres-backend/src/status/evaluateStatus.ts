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
import { headlineOf } from './headline';
import {
  agreementCheck,
  kubernetesSecretCheck,
  loginCheck,
  secretsManagerCheck,
} from './roleChecks';

/**
 * Judges the facts of one database: every check with its reason, the known
 * errors that apply, the overall state and the headline. Checks that were
 * skipped because another failed (no credentials, nothing to compare) are
 * shown but not counted, so the overall state names the cause, not its
 * echoes. The overall state is the worst counted check, `info` (nothing to
 * do) ranking between `warning` and `ok`.
 */
export function evaluateStatus(
  facts: DatabaseFacts,
  now: Date = new Date(),
): DatabaseStatus {
  const { ref, names } = facts;
  const counted: CheckState[] = [];
  const appsRepo = facts.platform.appsRepo;
  const resource = resourceCheck(
    facts.resource,
    { ...ref, plural: facts.resourcePlural },
    appsRepo,
  );
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
    ? grantsCheck(facts.grants, appsRepo)
    : {
        state: 'unknown',
        reason: 'Grants are checked in the database status.',
      };
  if (facts.grants && !(!facts.grants.ok && facts.grants.skipped)) {
    counted.push(grants.state);
  }

  const partial = { resource, roles, grants };
  const state = worstCheckState(counted);
  const knownErrors = detectKnownErrors(facts, partial);
  return {
    namespace: ref.namespace,
    name: ref.name,
    database: names.database,
    state,
    headline: headlineOf(facts, { ...partial, state, knownErrors }),
    ...partial,
    knownErrors,
    checkedAt: now.toISOString(),
  };
}

/**
 * The verdict in one sentence, for the inventory and the list: the
 * headline's, so the list and the detail say the same.
 */
export function verdictReason(status: DatabaseStatus): string {
  return status.headline.sentence;
}
