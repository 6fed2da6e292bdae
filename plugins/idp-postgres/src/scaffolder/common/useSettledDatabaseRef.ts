import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { useEffect, useState } from 'react';

/** How long typing must pause before a name is checked. */
export const SETTLE_MS = 300;

/**
 * The reference once the user has stopped typing for `SETTLE_MS`, so a
 * half-typed name is neither flagged nor sent to the backend. One state for
 * both parts: two separate timers could settle on a pair never typed.
 */
export function useSettledDatabaseRef(ref: DatabaseRef): {
  settled: DatabaseRef;
  /** True while the reference differs from the settled one. */
  typing: boolean;
} {
  const { namespace, name } = ref;
  const [settled, setSettled] = useState<DatabaseRef>({ namespace, name });
  useEffect(() => {
    const timer = setTimeout(() => setSettled({ namespace, name }), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [namespace, name]);
  return {
    settled,
    typing: settled.namespace !== namespace || settled.name !== name,
  };
}
