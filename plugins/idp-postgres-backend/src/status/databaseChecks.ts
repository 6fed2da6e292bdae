import {
  CheckResult,
  DatabaseStatus,
  GrantReport,
  ResourceCondition,
  countPrivileges,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseResource } from '../kubernetes/KubernetesGateway';
import type { AppsRepoFacts } from './facts';
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
 * A missing resource is explained by what the apps repo says: removed (and
 * kept by protection), or defined and not synced yet.
 */
export function resourceCheck(
  fact: Outcome<DatabaseResource | undefined>,
  where: { namespace: string; name: string; plural: string },
  appsRepo?: AppsRepoFacts,
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
    return { ...missingResource(id, appsRepo), conditions: [] };
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
 * Why there is no resource. Removed from the apps repo is a warning: the
 * database is kept and works as long as its secrets are there, and the
 * known error says how to manage it again. Defined but not synced is
 * waiting, unless ArgoCD cannot render the values.
 */
function missingResource(id: string, appsRepo?: AppsRepoFacts): CheckResult {
  if (!appsRepo) {
    return {
      state: 'error',
      reason: `There is no ${id}: the database is not (or no longer) defined in the apps repo, or ArgoCD has not synced it yet.`,
    };
  }
  const definition = appsRepo.definition;
  if (!definition) {
    return {
      state: 'warning',
      reason: `There is no ${id}: its definition was removed from the apps repo, so ArgoCD deleted it; the database and its Secrets Manager secrets were kept.`,
    };
  }
  const rejected = definition.rejectedValuesKeys ?? [];
  if (rejected.length > 0) {
    return {
      state: 'error',
      reason: `There is no ${id}: ArgoCD cannot render ${
        definition.valuesPath
      }, whose ${rejected.join(', ')} chart ${
        definition.chartVersion
      } does not allow.`,
    };
  }
  return {
    state: 'warning',
    reason: `There is no ${id} yet: ${definition.valuesPath} defines it and ArgoCD has not synced it.`,
  };
}

/**
 * The grant report as a check. The manual calls the read and write grants
 * optional, so a role without privileges matters only when an app uses it:
 * `warning` naming the apps then, `info` while no app in the apps repo
 * reads its secret. When the apps repo's view is not known, `warning`, as
 * an app might use it.
 */
export function grantsCheck(
  fact: Outcome<GrantReport>,
  appsRepo?: AppsRepoFacts,
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
  const lacking = [...new Set(report.missing.map(m => m.role))];
  // Counted per object and privilege, as a person granting them would.
  const missing = `${countPrivileges(report.missing).toLocaleString(
    'en-US',
  )} privileges of the ${lacking.join(' and ')} role${
    lacking.length > 1 ? 's' : ''
  } are missing`;
  if (!appsRepo) {
    return {
      state: 'warning',
      reason: `${missing}; whether an app uses ${
        lacking.length > 1 ? 'them' : 'it'
      } is not known yet (the inventory has not read this database), so apply the grants.`,
      report,
    };
  }
  const users = appsRepo.usedBy.filter(use =>
    use.roles.some(role => (lacking as string[]).includes(role)),
  );
  if (users.length === 0) {
    return {
      state: 'info',
      reason: `${missing}, and no app in the apps repo uses ${
        lacking.length > 1 ? 'them' : 'it'
      }: nothing to do until one does; apply the grants before connecting an app with ${
        lacking.length > 1 ? 'these roles' : 'this role'
      }.`,
      report,
    };
  }
  const apps = users.map(use => {
    const roles = use.roles.filter(role =>
      (lacking as string[]).includes(role),
    );
    return `${use.folder} uses the ${roles.join(' and ')} role${
      roles.length > 1 ? 's' : ''
    }`;
  });
  return {
    state: 'warning',
    reason: `${missing}, and ${apps.join('; ')}: apply the grants.`,
    report,
  };
}
