import { minimatch } from 'minimatch';

/**
 * Namespaces whose databases must be protected from deletion, unless configured otherwise.
 *
 * @public
 */
export const DEFAULT_PRODUCTION_NAMESPACE_PATTERNS: readonly string[] = [
  '*-prod',
];

/**
 * True when a namespace matches one of the glob patterns (`*` and `?`) that
 * mark production namespaces.
 *
 * @public
 */
export function isProductionNamespace(
  namespace: string,
  patterns: readonly string[] = DEFAULT_PRODUCTION_NAMESPACE_PATTERNS,
): boolean {
  return patterns.some(pattern =>
    minimatch(namespace, pattern, { nocomment: true, nonegate: true }),
  );
}
