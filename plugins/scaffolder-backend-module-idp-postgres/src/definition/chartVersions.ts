import { InputError } from '@backstage/errors';
import {
  parseChartVersion,
  printable,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * The helm/idp-postgresql versions the platform publishes (the manual's 0.4.1
 * and 0.5.0, and the public 1.0.x). ArgoCD fails to sync a definition naming
 * any other version, so the actions refuse it before a pull request.
 */
export const OFFERED_CHART_VERSIONS: readonly string[] = [
  '0.4.1',
  '0.5.0',
  '1.0.1',
  '1.0.2',
  '1.0.3',
  '1.0.4',
];

/** Throws an InputError unless the version is an exact version the platform offers. */
export function assertOfferedChartVersion(version: string): void {
  parseChartVersion(version);
  if (!OFFERED_CHART_VERSIONS.includes(version)) {
    throw new InputError(
      `Chart version "${printable(
        version,
      )}" is not one the platform offers (${OFFERED_CHART_VERSIONS.join(
        ', ',
      )}); ArgoCD could not deploy it.`,
    );
  }
}
