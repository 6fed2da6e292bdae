import { InputError } from '@backstage/errors';
import semver from 'semver';

/**
 * The Helm chart that provisions databases, as written in `application.yaml`.
 *
 * @public
 */
export const CHART_NAME = 'helm/idp-postgresql';

/**
 * The chart version the platform's manual describes; used when nothing else is configured.
 *
 * @public
 */
export const DEFAULT_CHART_VERSION = '0.5.0';

/**
 * How a chart version spells a `postgresqlDatabases` entry.
 * - `name-only` (below 0.5.0): `{ name }`; databases cannot be protected.
 * - `deletion-protection` (0.5.x): `{ name, deletionProtection: boolean }`.
 * - `mode` (1.0.0 and later): `{ name, mode: standard | protected }`.
 *
 * @public
 */
export type ChartDialect = 'name-only' | 'deletion-protection' | 'mode';

/**
 * A database definition as the platform understands it, whatever the chart version.
 *
 * @public
 */
export interface DatabaseEntry {
  name: string;
  protected: boolean;
}

/**
 * What a definition folder's `application.yaml` says about the app.
 *
 * @public
 */
export interface ChartApplicationFields {
  /** The ArgoCD application's name; the manual uses the folder name. */
  name: string;
  description: string;
  slackChannel: string;
  chartVersion: string;
}

/**
 * The `application.yaml` that tells ArgoCD to deploy the chart, in the
 * manual's shape and key order.
 *
 * @public
 */
export function chartApplication(fields: ChartApplicationFields) {
  return {
    apiVersion: 'v2',
    name: fields.name,
    description: fields.description,
    version: '0.1.0',
    slackChannel: fields.slackChannel,
    helm: { chart: CHART_NAME, chartVersion: fields.chartVersion },
  };
}

/**
 * A parsed chart version.
 *
 * @public
 */
export interface ChartVersion {
  version: string;
  dialect: ChartDialect;
}

/**
 * Parses an exact chart version such as "0.5.0". Ranges, tags and a leading
 * "v" are rejected: the dialect of the values depends on the exact version.
 *
 * @public
 */
export function parseChartVersion(version: string): ChartVersion {
  const valid = typeof version === 'string' ? semver.valid(version) : null;
  if (!valid || valid !== version) {
    throw new InputError(
      `Chart version "${String(
        version,
      )}" is not an exact version such as "${DEFAULT_CHART_VERSION}" or "1.0.4".`,
    );
  }
  return { version: valid, dialect: dialectOf(valid) };
}

function dialectOf(version: string): ChartDialect {
  if (semver.lt(version, '0.5.0')) {
    return 'name-only';
  }
  if (semver.lt(version, '1.0.0')) {
    return 'deletion-protection';
  }
  return 'mode';
}

/**
 * True when moving a definition between these versions recreates its
 * resources, and so loses the data: 0.5.0 changed the underlying resource API
 * version (the manual's upgrade guide from 0.4.1 to 0.5.0), and moving back
 * below it changes the API version again.
 *
 * @public
 */
export function recreatesResources(from: string, to: string): boolean {
  const below050 = (version: string) =>
    parseChartVersion(version).dialect === 'name-only';
  return below050(from) !== below050(to);
}

/**
 * Writes a `postgresqlDatabases` entry in the dialect of a chart version.
 *
 * @public
 */
export function writeDatabaseEntry(
  chartVersion: string,
  entry: DatabaseEntry,
): Record<string, string | boolean> {
  const { dialect, version } = parseChartVersion(chartVersion);
  switch (dialect) {
    case 'name-only':
      if (entry.protected) {
        throw new InputError(
          `Chart ${version} cannot protect a database from deletion; use chart 0.5.0 or later for "${entry.name}".`,
        );
      }
      return { name: entry.name };
    case 'deletion-protection':
      return { name: entry.name, deletionProtection: entry.protected };
    default:
      return {
        name: entry.name,
        mode: entry.protected ? 'protected' : 'standard',
      };
  }
}

const ENTRY_KEYS = ['name', 'deletionProtection', 'mode'];

/**
 * Reads a `postgresqlDatabases` entry written in any dialect. A missing
 * `deletionProtection` or `mode` means unprotected, as in the chart's defaults.
 *
 * @public
 */
export function readDatabaseEntry(raw: unknown): DatabaseEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(
      `A postgresqlDatabases entry must be a mapping with a name, not ${JSON.stringify(
        raw,
      )}.`,
    );
  }
  const item = raw as Record<string, unknown>;
  if (typeof item.name !== 'string' || item.name === '') {
    throw new InputError('A postgresqlDatabases entry has no name.');
  }
  const label = `Database "${item.name}"`;
  const unknown = Object.keys(item).filter(k => !ENTRY_KEYS.includes(k));
  if (unknown.length > 0) {
    throw new InputError(
      `${label} has unknown key "${unknown[0]}"; entries have name and either deletionProtection (chart 0.5.x) or mode (chart 1.0 and later).`,
    );
  }
  if ('deletionProtection' in item && 'mode' in item) {
    throw new InputError(
      `${label} sets both deletionProtection and mode; charts 0.5.x read deletionProtection, 1.0 and later read mode.`,
    );
  }
  if (
    'deletionProtection' in item &&
    typeof item.deletionProtection !== 'boolean'
  ) {
    throw new InputError(
      `${label}: deletionProtection must be true or false, not ${JSON.stringify(
        item.deletionProtection,
      )}.`,
    );
  }
  if ('mode' in item && item.mode !== 'standard' && item.mode !== 'protected') {
    throw new InputError(
      `${label}: mode must be "standard" or "protected", not ${JSON.stringify(
        item.mode,
      )}.`,
    );
  }
  return {
    name: item.name,
    protected: item.deletionProtection === true || item.mode === 'protected',
  };
}
