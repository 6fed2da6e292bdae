import type {
  DatabaseStatus,
  GrantReport,
  ResourceCondition,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseResource } from '../kubernetes/KubernetesGateway';
import type { Outcome } from './outcome';

function describe(condition: ResourceCondition | undefined, type: string) {
  if (!condition) return `${type} condition missing`;
  const reason = condition.reason ? ` (${condition.reason})` : '';
  const message = condition.message ? `: ${condition.message}` : '';
  return `${type}=${condition.status}${reason}${message}`;
}

/**
 * The custom resource's Ready and Synced conditions. `Creating` is a
 * transient state and only a warning; any other not-True condition is an
 * error whose reason and message are passed on as Crossplane wrote them.
 */
export function resourceCheck(
  fact: Outcome<DatabaseResource | undefined>,
  where: { namespace: string; name: string; plural: string },
): DatabaseStatus['resource'] {
  const id = `${where.plural} ${where.namespace}/${where.name}`;
  if (!fact.ok) {
    return {
      state: 'unknown',
      reason: `Could not read ${id}: ${fact.reason}`,
      conditions: [],
    };
  }
  if (!fact.value) {
    return {
      state: 'error',
      reason: `There is no ${id}: the database is not (or no longer) defined in the apps repo, or ArgoCD has not synced it yet.`,
      conditions: [],
    };
  }
  const conditions = fact.value.conditions;
  const ready = conditions.find(c => c.type === 'Ready');
  const synced = conditions.find(c => c.type === 'Synced');
  if (ready?.status === 'True' && synced?.status === 'True') {
    return { state: 'ok', reason: `${id} is Ready and Synced.`, conditions };
  }
  const problems = [ready, synced]
    .map((c, i) =>
      c?.status === 'True'
        ? undefined
        : describe(c, i === 0 ? 'Ready' : 'Synced'),
    )
    .filter(Boolean);
  const creating = ready?.reason === 'Creating' && synced?.status === 'True';
  return {
    state: creating ? 'warning' : 'error',
    reason: `${id} is not ready: ${problems.join('; ')}.`,
    conditions,
  };
}

/**
 * The grant report as a check. Missing grants are a warning: apps using the
 * admin role work, and the manual calls the read and write grants optional.
 */
export function grantsCheck(
  fact: Outcome<GrantReport>,
): DatabaseStatus['grants'] {
  if (!fact.ok) {
    return { state: 'unknown', reason: `Grants not checked: ${fact.reason}` };
  }
  const report = fact.value;
  if (report.missing.length === 0) {
    return {
      state: 'ok',
      reason:
        'The read and write roles have every privilege of the manual’s cheatsheet.',
      report,
    };
  }
  const roles = [...new Set(report.missing.map(m => m.role))].join(' and ');
  return {
    state: 'warning',
    reason: `${report.missing.length} privileges of the ${roles} role${
      roles.includes(' and ') ? 's' : ''
    } are missing; apply the grants to fix them.`,
    report,
  };
}
