import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_CHART_VERSION,
  DEFAULT_PRODUCTION_NAMESPACE_PATTERNS,
  DEFAULT_SECRETS_MANAGER_NAME_PATTERN,
  secretsManagerPatternProblem,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { assertOfferedChartVersion } from './definition/chartVersions';

/** The `idpPostgres` settings the actions use, with defaults applied. */
export interface IdpPostgresActionsConfig {
  defaultChartVersion: string;
  productionNamespacePatterns: readonly string[];
  secretsManagerNamePattern: string;
}

/**
 * Reads the `idpPostgres` config block and applies the defaults. A bad value
 * fails here, when the backend starts, rather than in the middle of someone's
 * template run.
 */
export function readIdpPostgresActionsConfig(
  config: Config,
): IdpPostgresActionsConfig {
  const block = config.getOptionalConfig('idpPostgres');

  const defaultChartVersion =
    block?.getOptionalString('defaultChartVersion') ?? DEFAULT_CHART_VERSION;
  try {
    assertOfferedChartVersion(defaultChartVersion);
  } catch (error) {
    throw new InputError(
      `Invalid config idpPostgres.defaultChartVersion: ${
        (error as Error).message
      }`,
    );
  }

  const productionNamespacePatterns = block?.getOptionalStringArray(
    'productionNamespacePatterns',
  ) ?? [...DEFAULT_PRODUCTION_NAMESPACE_PATTERNS];

  const secretsManagerNamePattern =
    block?.getOptionalString('secretsManagerNamePattern') ??
    DEFAULT_SECRETS_MANAGER_NAME_PATTERN;
  const patternProblem = secretsManagerPatternProblem(
    secretsManagerNamePattern,
  );
  if (patternProblem) {
    throw new InputError(
      `Invalid config idpPostgres.secretsManagerNamePattern: ${patternProblem}`,
    );
  }

  return {
    defaultChartVersion,
    productionNamespacePatterns,
    secretsManagerNamePattern,
  };
}
