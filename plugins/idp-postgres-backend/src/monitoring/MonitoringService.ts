import {
  DatabaseRef,
  MonitoringReport,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { PluginConfig } from '../config/pluginConfig';
import { adminAccess } from '../service/adminAccess';
import type { ClusterClients } from '../service/ClusterClients';
import { withTimeout } from '../service/withTimeout';
import { outcomeOf } from '../status/outcome';
import { backupPolicy } from './backupPolicy';
import { measuredParts } from './monitoringReport';

/**
 * Read-only monitoring of one database as its admin role: a few cheap
 * catalog queries on one connection, which counts against the plugin's
 * connection cap like every other. What cannot be read is listed in
 * `unknown` with the reason; the backups line comes from config and is
 * always there.
 */
export class MonitoringService {
  constructor(
    private readonly config: PluginConfig,
    private readonly clients: ClusterClients,
  ) {}

  async report(ref: DatabaseRef): Promise<MonitoringReport> {
    const cluster = clusterForNamespace(this.config, ref.namespace);
    const names = deriveDatabaseNames(ref, {
      secretsManagerNamePattern: cluster.secretsManager.namePattern,
    });
    const base = {
      namespace: ref.namespace,
      name: ref.name,
      database: names.database,
      backups: backupPolicy(this.config.backups),
    };
    const rows = await outcomeOf(
      adminAccess(this.config, this.clients, ref).then(({ target, admin }) =>
        // Four statements, each bounded by the statement timeout.
        withTimeout(
          this.clients.postgres.monitoringRows(target, admin),
          this.config.timeouts.postgres * 4,
          `PostgreSQL monitoring of ${names.database}`,
        ),
      ),
    );
    const checkedAt = new Date().toISOString();
    if (!rows.ok) {
      return {
        ...base,
        checkedAt,
        idleInTransaction: [],
        largestTables: [],
        unknown: [`Nothing could be read from PostgreSQL: ${rows.reason}`],
      };
    }
    return {
      ...base,
      checkedAt,
      ...measuredParts(rows.value, names.roles.admin),
    };
  }
}
