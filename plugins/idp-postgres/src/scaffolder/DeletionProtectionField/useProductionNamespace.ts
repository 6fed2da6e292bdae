import { useApi } from '@backstage/core-plugin-api';
import { isProductionNamespace } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import useAsync from 'react-use/esm/useAsync';
import { idpPostgresApiRef } from '../../api';
import { useSettledDatabaseRef } from '../common/useSettledDatabaseRef';
import type { DatabaseInForm } from './databaseInForm';
import { isProductionDatabase } from './productionNamespace';

/**
 * Whether the form's database is in a production namespace, for the note
 * next to the checkbox: the default patterns answer at once, the backend's
 * configured ones once typing has paused.
 */
export function useProductionNamespace(database: DatabaseInForm): boolean {
  const api = useApi(idpPostgresApiRef);
  const namespace = database.namespace ?? '';
  const { settled, typing } = useSettledDatabaseRef({
    namespace,
    name: database.name ?? '',
  });
  const confirmed = useAsync(
    async () =>
      settled.namespace
        ? isProductionDatabase(api, {
            namespace: settled.namespace,
            name: settled.name || undefined,
          })
        : false,
    [api, settled.namespace, settled.name],
  );
  if (typing || confirmed.loading || confirmed.value === undefined) {
    return namespace !== '' && isProductionNamespace(namespace);
  }
  return confirmed.value;
}
