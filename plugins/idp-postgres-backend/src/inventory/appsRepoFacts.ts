import type { InventoryDatabase } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { AppsRepoFacts } from '../status/facts';

/**
 * What the inventory read from the apps repo about a database, for its
 * live status; undefined for a database the inventory has not seen, so the
 * status concludes nothing from a definition it does not know of.
 */
export function appsRepoFactsOf(
  db: InventoryDatabase | undefined,
): AppsRepoFacts | undefined {
  if (!db) return undefined;
  return {
    definition: db.definition,
    usedBy: db.usedBy,
    owner: db.owner,
    description: db.description,
  };
}
