import { useApi } from '@backstage/core-plugin-api';
import type {
  DatabaseRef,
  MonitoringReport,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import useAsync from 'react-use/esm/useAsync';
import { idpPostgresApiRef } from '../../api';
import type { AsyncState } from '../common/AsyncState';

/** The monitoring report of a database, read again whenever `version` changes. */
export function useMonitoring(
  dbRef: DatabaseRef,
  version = 0,
): AsyncState<MonitoringReport> {
  const api = useApi(idpPostgresApiRef);
  return useAsync(
    () => api.getMonitoring(dbRef),
    [api, dbRef.namespace, dbRef.name, version],
  );
}
