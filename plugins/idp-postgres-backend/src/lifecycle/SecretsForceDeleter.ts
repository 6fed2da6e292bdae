import { ConflictError } from '@backstage/errors';
import {
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseRole,
  ForceDeleteSecretsResult,
  ForcedSecretDeletion,
  deriveDatabaseNames,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { ClusterConfig, PluginConfig } from '../config/pluginConfig';
import type { InventoryStore } from '../inventory/InventoryStore';
import { refreshedState } from '../inventory/listDatabases';
import type { SecretsManagerGateway } from '../secretsManager/SecretsManagerGateway';
import type { ClusterClients } from '../service/ClusterClients';

/**
 * The manual's `delete-secret --force-delete-without-recovery` for a
 * database's three Secrets Manager secrets, e.g. so a 0.4.1 database can be
 * defined again on 0.5.0 (the chart cannot create a secret whose name is
 * still scheduled for deletion). Irreversible, so only once the database is
 * gone from both the apps repo and the cluster; a dry run checks the same.
 */
export class SecretsForceDeleter {
  constructor(
    private readonly deps: {
      config: PluginConfig;
      clients: ClusterClients;
      inventory: InventoryStore;
    },
  ) {}

  async forceDelete(
    ref: DatabaseRef,
    options: { dryRun: boolean },
  ): Promise<ForceDeleteSecretsResult> {
    const cluster = clusterForNamespace(this.deps.config, ref.namespace);
    await this.assertRemoved(ref, cluster);
    const names = deriveDatabaseNames(ref, {
      secretsManagerNamePattern: cluster.secretsManager.namePattern,
    });
    const gateway = this.deps.clients.secretsManager(cluster);
    // One failing secret must not keep the others: each has its own result.
    const secrets = await Promise.all(
      DATABASE_ROLES.map(role =>
        deleteOne(
          gateway,
          role,
          names.secretsManagerSecrets[role],
          options.dryRun,
        ),
      ),
    );
    return {
      namespace: ref.namespace,
      name: ref.name,
      dryRun: options.dryRun,
      secrets,
      ok: secrets.every(s => s.result !== 'failed'),
    };
  }

  /**
   * The definition is checked in the inventory (the apps repo is only read
   * by its refresh), the resource live: a removal the inventory has seen
   * but the cluster has not synced still refuses.
   */
  private async assertRemoved(ref: DatabaseRef, cluster: ClusterConfig) {
    const { inventory, clients } = this.deps;
    await refreshedState(inventory);
    const db = await inventory.database(ref);
    if (db?.definition) {
      throw new ConflictError(
        `Database ${formatDatabaseRef(ref)} is still defined in ${
          db.definition.valuesPath
        }: remove its definition from the apps repo by pull request and wait until the removal has synced, then force-delete its secrets.`,
      );
    }
    const resource = await clients
      .kubernetes(cluster)
      .getDatabaseResource(ref.namespace, ref.name);
    if (resource) {
      throw new ConflictError(
        `The cluster still holds ${cluster.customResource.plural} ${ref.namespace}/${ref.name}: the removal has not synced yet. Wait until it is gone (GET /databases/${ref.namespace}/${ref.name}/progress?expect=removed shows when), then try again.`,
      );
    }
  }
}

async function deleteOne(
  gateway: SecretsManagerGateway,
  role: DatabaseRole,
  secretName: string,
  dryRun: boolean,
): Promise<ForcedSecretDeletion> {
  try {
    const presence = await gateway.describe(secretName);
    if (presence.state === 'missing') {
      return { role, secretName, result: 'absent' };
    }
    if (dryRun) return { role, secretName, result: 'would-delete' };
    return { role, secretName, result: await gateway.forceDelete(secretName) };
  } catch (error) {
    return {
      role,
      secretName,
      result: 'failed',
      reason: (error as Error).message,
    };
  }
}
