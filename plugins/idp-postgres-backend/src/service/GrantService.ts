import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DatabaseRef,
  GrantApplyResult,
  GrantReport,
  countPrivileges,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { PluginConfig } from '../config/pluginConfig';
import { adminAccess } from './adminAccess';
import type { ClusterClients } from './ClusterClients';

/**
 * The grant report and its fix for one database, run as the database's
 * admin role with the credentials from its Kubernetes secret.
 */
export class GrantService {
  constructor(
    private readonly config: PluginConfig,
    private readonly clients: ClusterClients,
    private readonly logger: LoggerService,
  ) {}

  async report(ref: DatabaseRef): Promise<GrantReport> {
    const { target, roles, admin } = await adminAccess(
      this.config,
      this.clients,
      ref,
    );
    return this.clients.postgres.grantReport(target, roles, admin);
  }

  async apply(ref: DatabaseRef): Promise<GrantApplyResult> {
    const { target, roles, admin } = await adminAccess(
      this.config,
      this.clients,
      ref,
    );
    const result = await this.clients.postgres.applyGrants(
      target,
      roles,
      admin,
    );
    this.logger.info('Applied grants', {
      namespace: ref.namespace,
      name: ref.name,
      statements: result.statements.length,
      stillMissing: countPrivileges(result.after.missing),
      notOwnedByAdmin: result.skipped?.count ?? 0,
    });
    return result;
  }
}
