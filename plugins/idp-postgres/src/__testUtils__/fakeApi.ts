import { NotFoundError } from '@backstage/errors';
import type { IdpPostgresApi } from '../api';
import {
  connectionInfo,
  grantReport,
  healthyStatus,
  inventory,
  monitoringReport,
  newDatabaseCheck,
  restorePlan,
} from './fixtures';

/**
 * A plain implementation of the backend boundary for component tests: a
 * healthy, quiet database, every new name free and an empty inventory unless a
 * test overrides a method.
 */
export function fakeApi(
  overrides: Partial<IdpPostgresApi> = {},
): IdpPostgresApi {
  return {
    listDatabases: async () => [],
    getStatus: async () => healthyStatus(),
    getConnection: async () => connectionInfo(),
    getGrants: async () => grantReport(),
    getMonitoring: async () => monitoringReport(),
    applyGrants: async () => ({
      database: 'idp-dev-orders',
      statements: grantReport().fixSql,
      warnings: [],
      after: grantReport({ missing: [], fixSql: [] }),
    }),
    planRestore: async () => restorePlan(),
    restoreSecrets: async () => {
      throw new NotFoundError('No restore in this test');
    },
    checkNewDatabase: async dbRef => newDatabaseCheck(dbRef),
    getInventory: async () => inventory([]),
    ...overrides,
  };
}
