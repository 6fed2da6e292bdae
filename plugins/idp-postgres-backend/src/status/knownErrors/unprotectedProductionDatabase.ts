import {
  knownError,
  parseChartVersion,
  protectTemplatePath,
  upgradeTemplatePath,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { KnownErrorDetector } from './KnownErrorDetector';

const ID = 'unprotected-production-database';

/** Chart 0.4.1 and older have no deletion protection to turn on. */
function canProtect(chartVersion: string): boolean {
  try {
    return parseChartVersion(chartVersion).dialect !== 'name-only';
  } catch {
    return true;
  }
}

/**
 * A database of a production namespace whose definition does not protect
 * it: removing the definition would delete its data. Read from the apps
 * repo, so it is seen before anything goes wrong.
 */
export const unprotectedProductionDatabase: KnownErrorDetector = {
  id: ID,
  detect(facts) {
    const definition = facts.platform.appsRepo?.definition;
    if (!facts.platform.production || !definition || definition.protected) {
      return undefined;
    }
    const { ref } = facts;
    const [protect, upgradeFirst] = knownError(ID).fix.steps;
    const protectable = canProtect(definition.chartVersion);
    return {
      detail: `${ref.namespace} is a production namespace, and ${definition.valuesPath} (chart ${definition.chartVersion}) does not protect ${ref.name}: removing the definition would delete the database and its data.`,
      steps: protectable ? [protect] : [upgradeFirst, protect],
      link: protectable
        ? {
            title: 'Turn deletion protection on (Protect PostgreSQL database)',
            url: protectTemplatePath(ref),
          }
        : {
            title: 'Upgrade to chart 0.5.0 first (Upgrade PostgreSQL chart)',
            url: upgradeTemplatePath(ref),
          },
    };
  },
  headline(found, facts) {
    const definition = facts.platform.appsRepo?.definition;
    const protectable = definition ? canProtect(definition.chartVersion) : true;
    return {
      sentence: `Not protected from deletion in a production namespace: removing ${
        definition?.valuesPath ?? 'its definition'
      } would delete the database and its data.`,
      next: protectable
        ? { kind: 'protect', label: 'Protect it', link: found.fix.link?.url }
        : {
            kind: 'upgrade-chart',
            label: 'Upgrade the chart',
            link: found.fix.link?.url,
          },
    };
  },
};
