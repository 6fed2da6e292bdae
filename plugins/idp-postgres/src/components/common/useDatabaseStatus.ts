import { useApi } from '@backstage/core-plugin-api';
import type {
  DatabaseRef,
  DatabaseStatus,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { idpPostgresApiRef } from '../../api';
import type { AsyncState } from './AsyncState';

/**
 * A database's status, shared by the sections that render it. The first
 * load may come from the backend's cache; `refresh` asks it to check again.
 * `version` counts the refreshes, so other data of the database (grants,
 * monitoring) can load again with it.
 */
export function useDatabaseStatus(dbRef: DatabaseRef): {
  status: AsyncState<DatabaseStatus>;
  refresh: () => void;
  version: number;
} {
  const api = useApi(idpPostgresApiRef);
  const [refreshes, setRefreshes] = useState(0);
  const status = useAsync(
    () => api.getStatus(dbRef, { refresh: refreshes > 0 }),
    [api, dbRef.namespace, dbRef.name, refreshes],
  );
  // Stable, so sections that call it after an action do not re-render for it.
  const refresh = useCallback(() => setRefreshes(n => n + 1), []);
  return { status, refresh, version: refreshes };
}
