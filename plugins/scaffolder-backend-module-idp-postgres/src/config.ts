import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_CHART_VERSION,
  readPlatformConfig,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { assertOfferedChartVersion } from './definition/chartVersions';

/** Where this module's own settings live in app-config. */
export const SCAFFOLDER_CONFIG_KEY = 'idpPostgres.scaffolder';

/** The settings the actions use, with defaults applied. */
export interface IdpPostgresActionsConfig {
  defaultChartVersion: string;
  productionNamespacePatterns: readonly string[];
  secretsManagerNamePattern: string;
}

/**
 * Reads `idpPostgres.scaffolder` and the platform's shared settings
 * (`idpPostgres.platform`) and applies the defaults. A bad value fails here,
 * when the backend starts, rather than in the middle of someone's template run.
 */
export function readIdpPostgresActionsConfig(
  config: Config,
): IdpPostgresActionsConfig {
  const { productionNamespacePatterns, secretsManagerNamePattern } =
    readPlatformConfig(config);

  const defaultChartVersion =
    config.getOptionalString(`${SCAFFOLDER_CONFIG_KEY}.defaultChartVersion`) ??
    DEFAULT_CHART_VERSION;
  try {
    assertOfferedChartVersion(defaultChartVersion);
  } catch (error) {
    throw new InputError(
      `Invalid config ${SCAFFOLDER_CONFIG_KEY}.defaultChartVersion: ${
        (error as Error).message
      }`,
    );
  }

  return {
    defaultChartVersion,
    productionNamespacePatterns,
    secretsManagerNamePattern,
  };
}
