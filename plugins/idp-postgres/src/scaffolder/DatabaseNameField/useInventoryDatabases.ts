import { useApi } from '@backstage/core-plugin-api';
import type {
  DatabaseLifecycle,
  InventoryDatabase,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import useAsync from 'react-use/esm/useAsync';
import { idpPostgresApiRef } from '../../api';
import type { AsyncState } from '../../components/common/AsyncState';
import { pickableDatabases } from './pickableDatabases';

/**
 * The inventory's databases the picker offers. The backend already limits
 * the inventory to what the user may read; the lifecycles narrow it to what
 * the template can act on.
 */
export function useInventoryDatabases(
  lifecycles: readonly DatabaseLifecycle[],
): AsyncState<InventoryDatabase[]> {
  const api = useApi(idpPostgresApiRef);
  // A key, so a new array literal from the template each render does not refetch.
  const key = lifecycles.join(',');
  return useAsync(
    async () => pickableDatabases(await api.getInventory(), lifecycles),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
}
