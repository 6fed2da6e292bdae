import type {
  CheckResult,
  DatabaseStatus,
  StatusHeadline,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseFacts } from './facts';
import { KNOWN_ERROR_DETECTORS } from './knownErrors';
import { lifecycleFromFacts } from './lifecycle';

/**
 * Which cause the headline names when several are found, first first: a
 * cause that leaves nothing to connect to (removed, values rejected, a
 * chart that cannot keep secrets) before missing secrets, before failing
 * logins, before grants, before risks. Ids of the known-error catalogue;
 * every detector with a headline is listed.
 */
export const HEADLINE_ORDER: readonly string[] = [
  'removed-from-apps-repo-but-protected',
  'chart-values-rejected-by-schema',
  'chart-below-0-5-0',
  'kubernetes-secrets-missing',
  'secrets-manager-secret-scheduled-for-deletion',
  'secret-drift',
  'ssl-required-no-pg-hba-entry',
  'resource-not-ready',
  'missing-schema-usage',
  'missing-table-privileges',
  'missing-sequence-privileges',
  'missing-default-privileges',
  'table-not-owned-by-admin',
  'unprotected-production-database',
];

type JudgedStatus = Pick<
  DatabaseStatus,
  'state' | 'resource' | 'roles' | 'grants' | 'knownErrors'
>;

/**
 * The verdict in one sentence and the one next action: the first cause
 * found in {@link HEADLINE_ORDER} (consequences folded under a cause are
 * never it), else what the lifecycle or the worst check says.
 */
export function headlineOf(
  facts: DatabaseFacts,
  status: JudgedStatus,
): StatusHeadline {
  const causes = status.knownErrors.filter(e => !e.causedBy);
  for (const id of HEADLINE_ORDER) {
    const found = causes.find(e => e.id === id);
    const detector = KNOWN_ERROR_DETECTORS.find(d => d.id === id);
    if (found && detector?.headline) {
      return detector.headline(found, facts, status);
    }
  }
  return withoutKnownError(facts, status);
}

function withoutKnownError(
  facts: DatabaseFacts,
  status: JudgedStatus,
): StatusHeadline {
  const lifecycle = lifecycleFromFacts(facts);
  if (lifecycle === 'removing') {
    return {
      sentence:
        'Being removed: the apps repo no longer defines it and ArgoCD is deleting its resource.',
      next: { kind: 'wait', label: 'Wait for the removal' },
    };
  }
  if (lifecycle === 'pending' && status.state !== 'error') {
    return {
      sentence: `Waiting for ArgoCD: ${status.resource.reason}`,
      next: { kind: 'wait', label: 'Wait for ArgoCD' },
    };
  }
  const worst = worstCheck(status);
  switch (status.state) {
    case 'ok':
      return { sentence: 'Healthy: every check passed.' };
    case 'info':
      return { sentence: `Healthy, nothing to do: ${worst?.reason ?? ''}` };
    case 'warning':
      return { sentence: `Needs attention: ${worst?.reason ?? ''}` };
    case 'unknown':
      return {
        sentence: `Not every check could run, so the verdict is open: ${
          worst?.reason ?? ''
        }`,
      };
    default:
      return {
        sentence: `Broken: ${worst?.reason ?? ''}`,
        next: { kind: 'ask-platform-team', label: 'Ask the platform team' },
      };
  }
}

/** The first check with the overall state: the resource, then each role's, then the grants. */
function worstCheck(status: JudgedStatus): CheckResult | undefined {
  return [
    status.resource,
    ...status.roles.flatMap(r => [
      r.kubernetesSecret,
      r.secretsManagerSecret,
      r.secretAgreement,
      r.login,
    ]),
    status.grants,
  ].find(c => c.state === status.state);
}
