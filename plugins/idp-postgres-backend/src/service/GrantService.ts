import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  DatabaseRef,
  GrantApplyResult,
  GrantReport,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { PluginConfig } from '../config/pluginConfig';
import type {
  PostgresTarget,
  RoleCredentials,
} from '../postgres/PostgresInspector';
import type { GrantRoleNames } from '../postgres/grantReport';
import type { ClusterClients } from './ClusterClients';
import { credentialsFrom, postgresTarget } from './postgresTarget';

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
    const { target, roles, admin } = await this.adminAccess(ref);
    return this.clients.postgres.grantReport(target, roles, admin);
  }

  async apply(ref: DatabaseRef): Promise<GrantApplyResult> {
    const { target, roles, admin } = await this.adminAccess(ref);
    const result = await this.clients.postgres.applyGrants(
      target,
      roles,
      admin,
    );
    this.logger.info('Applied grants', {
      namespace: ref.namespace,
      name: ref.name,
      statements: result.statements.length,
      stillMissing: result.after.missing.length,
    });
    return result;
  }

  private async adminAccess(ref: DatabaseRef): Promise<{
    target: PostgresTarget;
    roles: GrantRoleNames;
    admin: RoleCredentials;
  }> {
    const cluster = clusterForNamespace(this.config, ref.namespace);
    const names = deriveDatabaseNames(ref, {
      secretsManagerNamePattern: cluster.secretsManager.namePattern,
    });
    const secretName = names.kubernetesSecrets.admin;
    const secret = await this.clients
      .kubernetes(cluster)
      .readSecret(ref.namespace, secretName);
    const admin = credentialsFrom(secret, names.roles.admin);
    if (!admin) {
      throw new NotFoundError(
        `The admin secret ${ref.namespace}/${secretName} is missing or has no password; restore the secrets first`,
      );
    }
    return {
      target: postgresTarget(cluster, names.database),
      roles: names.roles,
      admin,
    };
  }
}
