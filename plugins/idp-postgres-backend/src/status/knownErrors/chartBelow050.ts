import {
  DATABASE_ROLES,
  DEFAULT_DATABASE_RESOURCE_TYPE,
  knownError,
  parseChartVersion,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
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
 * A database resource rendered by a chart below 0.5.0, whose secrets are
 * soft-deleted. The fix force-deletes all three roles' secrets, and its
 * kubectl step names the custom resource this cluster is configured with.
 */
export const chartBelow050: KnownErrorDetector = {
  id: ID,
  detect(facts) {
    const version = facts.resource.ok
      ? facts.resource.value?.chartVersion
      : undefined;
    if (!version || !below050(version)) return undefined;
    const plural = new RegExp(`\\b${DEFAULT_DATABASE_RESOURCE_TYPE.plural}\\b`);
    return {
      detail: `The database resource was rendered by chart ${version}.`,
      roles: [...DATABASE_ROLES],
      steps: knownError(ID).fix.steps.map(step =>
        step.replace(plural, facts.resourcePlural),
      ),
    };
  },
};
