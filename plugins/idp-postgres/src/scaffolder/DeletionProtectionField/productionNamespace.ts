import {
  isProductionNamespace,
  DEFAULT_PRODUCTION_NAMESPACE_PATTERNS,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { IdpPostgresApi } from '../../api';

/**
 * Whether the database's namespace is a production one. The backend knows
 * the configured patterns, so it is asked first; without a name to ask
 * about, or when it cannot answer, the default patterns (`*-prod`) decide.
 */
export async function isProductionDatabase(
  api: IdpPostgresApi | undefined,
  ref: { namespace: string; name?: string },
): Promise<boolean> {
  if (api && ref.name) {
    try {
      const check = await api.checkNewDatabase({
        namespace: ref.namespace,
        name: ref.name,
      });
      return check.production;
    } catch {
      // Falls through to the defaults; the action applies the real patterns.
    }
  }
  return isProductionNamespace(
    ref.namespace,
    DEFAULT_PRODUCTION_NAMESPACE_PATTERNS,
  );
}

/** Why the box must be ticked, in the form's words. */
export function productionProtectionMessage(namespace: string): string {
  return `Databases in production namespaces (${namespace}) must have deletion protection: the platform keeps the database and its data if the definition is ever removed.`;
}
