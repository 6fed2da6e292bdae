import {
  DATABASE_ROLES,
  DEFAULT_CHART_VERSION,
  DEFAULT_DATABASE_RESOURCE_TYPE,
  knownError,
  parseChartVersion,
  upgradeTemplatePath,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseFacts } from '../facts';
import type { KnownErrorDetector } from './KnownErrorDetector';

const ID = 'chart-below-0-5-0';

function below050(version: string): boolean {
  try {
    return parseChartVersion(version).dialect === 'name-only';
  } catch {
    // A version we cannot read says nothing about the secrets' behaviour.
    return false;
  }
}

/**
 * The chart version and where it was read: the apps repo's definition is
 * what ArgoCD deploys next, the resource what it deployed last.
 */
function chartVersionOf(facts: DatabaseFacts) {
  const definition = facts.platform.appsRepo?.definition;
  if (definition) {
    return {
      version: definition.chartVersion,
      where: `${definition.folder}/application.yaml deploys chart ${definition.chartVersion}.`,
    };
  }
  const version = facts.resource.ok
    ? facts.resource.value?.chartVersion
    : undefined;
  return version
    ? {
        version,
        where: `The database resource was rendered by chart ${version}.`,
      }
    : undefined;
}

/**
 * A database on a chart below 0.5.0, whose secrets are soft-deleted. The
 * fix is the manual's whole procedure: force-delete all three roles'
 * secrets and delete the resource (its kubectl step names the custom
 * resource this cluster is configured with), with the upgrade template.
 */
export const chartBelow050: KnownErrorDetector = {
  id: ID,
  detect(facts) {
    const chart = chartVersionOf(facts);
    if (!chart || !below050(chart.version)) return undefined;
    const plural = new RegExp(`\\b${DEFAULT_DATABASE_RESOURCE_TYPE.plural}\\b`);
    return {
      detail: chart.where,
      roles: [...DATABASE_ROLES],
      steps: knownError(ID).fix.steps.map(step =>
        step.replace(plural, facts.resourcePlural),
      ),
      link: {
        title: `Move it to chart ${DEFAULT_CHART_VERSION} (Upgrade PostgreSQL chart)`,
        url: upgradeTemplatePath(facts.ref),
      },
    };
  },
  headline(found) {
    return {
      sentence: `${found.detail} Below 0.5.0 its secrets are soft-deleted, so removing and re-adding it fails; moving it to ${DEFAULT_CHART_VERSION} recreates it and loses its data, so back the data up first.`,
      next: {
        kind: 'upgrade-chart',
        label: 'Upgrade the chart',
        link: found.fix.link?.url,
      },
    };
  },
};
