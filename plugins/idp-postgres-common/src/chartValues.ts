import semver from 'semver';

/**
 * Keys ArgoCD adds to the values of every application; they are allowed
 * whatever the user writes.
 *
 * @public
 */
export const ARGOCD_VALUES_KEYS: readonly string[] = [
  'global',
  'idp_oidc_provider_url',
  'idp_aws_account',
];

/** The keys a `postgresqlDatabases` entry may have from chart 1.0 on. */
const MODE_ENTRY_KEYS = ['name', 'mode'];

/**
 * The keys of a definition's values that the chart version's JSON schema
 * rejects, as paths (`replicas`, `postgresqlDatabases[0].deletionProtection`).
 * Only charts 1.0 and later have a schema, and it allows no unknown key, so
 * ArgoCD cannot render the chart while any of these is there. Older charts
 * ignore unknown keys: an empty list for them, and for a version that is
 * not an exact semver (nothing can be said about it).
 *
 * @public
 */
export function valuesKeysRejectedByChart(
  values: Record<string, unknown>,
  chartVersion: string,
): string[] {
  const version = semver.valid(chartVersion);
  if (!version || version !== chartVersion || semver.lt(version, '1.0.0')) {
    return [];
  }
  const rejected = Object.keys(values).filter(
    key => key !== 'postgresqlDatabases' && !ARGOCD_VALUES_KEYS.includes(key),
  );
  const entries = Array.isArray(values.postgresqlDatabases)
    ? values.postgresqlDatabases
    : [];
  entries.forEach((entry, index) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      return;
    }
    for (const key of Object.keys(entry)) {
      if (!MODE_ENTRY_KEYS.includes(key)) {
        rejected.push(`postgresqlDatabases[${index}].${key}`);
      }
    }
  });
  return rejected;
}
