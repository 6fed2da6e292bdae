import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_SECRETS_MANAGER_NAME_PATTERN,
  secretsManagerPatternProblem,
} from './names';
import { DEFAULT_PRODUCTION_NAMESPACE_PATTERNS } from './production';

/**
 * Where the facts about the platform live that more than one package reads
 * (the backend, the scaffolder actions, the catalog module).
 * @public
 */
export const PLATFORM_CONFIG_KEY = 'idpPostgres.platform';

/**
 * The platform's shared settings, with defaults applied.
 * @public
 */
export interface IdpPostgresPlatformConfig {
  /**
   * The apps repo as a tree URL, e.g. `https://github.com/org/apps/tree/main`;
   * undefined when not configured (no inventory, templates ask for a repo).
   */
  appsRepoUrl?: string;
  /** Glob patterns of production namespaces. */
  productionNamespacePatterns: string[];
  /** A role's Secrets Manager secret name, with `{namespace}`, `{database}` and `{role}`. */
  secretsManagerNamePattern: string;
}

/**
 * Settings of earlier releases and where they live now, so an upgraded app
 * stops at start-up with the new key named instead of silently running on
 * defaults.
 */
const MOVED_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['idpPostgres.inventory.appsRepoUrl', `${PLATFORM_CONFIG_KEY}.appsRepoUrl`],
  [
    'idpPostgres.productionNamespacePatterns',
    `${PLATFORM_CONFIG_KEY}.productionNamespacePatterns`,
  ],
  [
    'idpPostgres.secretsManagerNamePattern',
    `${PLATFORM_CONFIG_KEY}.secretsManagerNamePattern`,
  ],
  [
    'idpPostgres.defaultChartVersion',
    'idpPostgres.scaffolder.defaultChartVersion',
  ],
];

/**
 * One line per setting of an earlier release found in `config`, saying
 * where it lives now; empty when there is none.
 * @public
 */
export function movedConfigKeys(config: Config): string[] {
  return MOVED_KEYS.filter(([from]) => config.has(from)).map(
    ([from, to]) => `${from} has moved to ${to}`,
  );
}

function fail(key: string, reason: string): never {
  throw new InputError(
    `Invalid config ${PLATFORM_CONFIG_KEY}.${key}: ${reason}`,
  );
}

/**
 * Reads `idpPostgres.platform` and applies the defaults. Throws, naming the
 * key, on a bad value or a setting of an earlier release, so every package
 * that reads it stops the backend at start-up rather than misbehaving later.
 * @public
 */
export function readPlatformConfig(config: Config): IdpPostgresPlatformConfig {
  const moved = movedConfigKeys(config);
  if (moved.length > 0) {
    throw new InputError(`Config has changed: ${moved.join('; ')}`);
  }
  const block = config.getOptionalConfig(PLATFORM_CONFIG_KEY);

  const appsRepoUrl = block?.getOptionalString('appsRepoUrl')?.trim();
  if (appsRepoUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(appsRepoUrl);
    } catch {
      url = undefined;
    }
    if (!url || !['https:', 'http:'].includes(url.protocol)) {
      fail('appsRepoUrl', `"${appsRepoUrl}" is not an http(s) URL`);
    }
  }

  const productionNamespacePatterns = block?.getOptionalStringArray(
    'productionNamespacePatterns',
  ) ?? [...DEFAULT_PRODUCTION_NAMESPACE_PATTERNS];
  if (productionNamespacePatterns.some(p => p.trim() === '')) {
    fail('productionNamespacePatterns', 'a pattern is empty');
  }

  const secretsManagerNamePattern =
    block?.getOptionalString('secretsManagerNamePattern') ??
    DEFAULT_SECRETS_MANAGER_NAME_PATTERN;
  const problem = secretsManagerPatternProblem(secretsManagerNamePattern);
  if (problem) fail('secretsManagerNamePattern', problem);

  return {
    appsRepoUrl: appsRepoUrl || undefined,
    productionNamespacePatterns,
    secretsManagerNamePattern,
  };
}
