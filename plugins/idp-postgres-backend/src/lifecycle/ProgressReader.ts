import {
  DATABASE_ROLES,
  DatabaseProgress,
  DatabaseRef,
  DatabaseRole,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { PluginConfig } from '../config/pluginConfig';
import type { InventoryStore } from '../inventory/InventoryStore';
import type { ClusterClients } from '../service/ClusterClients';
import { Outcome, outcomeOf } from '../status/outcome';
import type {
  InventoryView,
  ProgressExpectation,
  ProgressFacts,
} from './progressFacts';
import { judgeProgress } from './judgeProgress';

/**
 * Reads how far a database is from ready (or removed) from the platform
 * itself: the custom resource, the three Kubernetes secrets and the three
 * Secrets Manager secrets (DescribeSecret: presence only, no value), all at
 * once. Whether it is defined comes from the inventory. Used by the
 * progress route and by the watches after each inventory refresh.
 */
export class ProgressReader {
  constructor(
    private readonly deps: {
      config: PluginConfig;
      clients: ClusterClients;
      inventory: InventoryStore;
    },
  ) {}

  /** Throws a NotFoundError for a namespace no cluster serves. */
  async progress(
    ref: DatabaseRef,
    expect: ProgressExpectation,
    now: Date = new Date(),
  ): Promise<DatabaseProgress> {
    return judgeProgress(await this.facts(ref, expect), now);
  }

  async facts(
    ref: DatabaseRef,
    expect: ProgressExpectation,
  ): Promise<ProgressFacts> {
    const { config, clients } = this.deps;
    const cluster = clusterForNamespace(config, ref.namespace);
    const names = deriveDatabaseNames(ref, {
      secretsManagerNamePattern: cluster.secretsManager.namePattern,
    });
    const kubernetes = clients.kubernetes(cluster);
    const secretsManager = clients.secretsManager(cluster);
    const waitsForSecrets = expect === 'ready';
    const [inventory, resource, kubernetesSecrets, secretsManagerSecrets] =
      await Promise.all([
        outcomeOf(this.inventoryView(ref)),
        outcomeOf(kubernetes.getDatabaseResource(ref.namespace, ref.name)),
        waitsForSecrets
          ? perRole(role =>
              outcomeOf(
                kubernetes
                  .readSecret(ref.namespace, names.kubernetesSecrets[role])
                  .then(secret => secret !== undefined),
              ),
            )
          : undefined,
        waitsForSecrets
          ? perRole(role =>
              outcomeOf(
                secretsManager.describe(names.secretsManagerSecrets[role]),
              ),
            )
          : undefined,
      ]);
    return {
      ref,
      expect,
      names,
      resourcePlural: cluster.customResource.plural,
      inventory,
      resource,
      ...(kubernetesSecrets ? { kubernetesSecrets } : {}),
      ...(secretsManagerSecrets ? { secretsManagerSecrets } : {}),
    };
  }

  private async inventoryView(ref: DatabaseRef): Promise<InventoryView> {
    const state = await this.deps.inventory.state();
    if (!state?.refreshedAt) {
      throw new Error(
        state?.lastFailure
          ? `the inventory has not been built yet; its last refresh failed: ${state.lastFailure.reason}`
          : 'the inventory has not been built yet',
      );
    }
    const database = await this.deps.inventory.database(ref);
    return {
      refreshedAt: state.refreshedAt,
      ...(database ? { database } : {}),
    };
  }
}

async function perRole<T>(
  read: (role: DatabaseRole) => Promise<Outcome<T>>,
): Promise<Record<DatabaseRole, Outcome<T>>> {
  const outcomes = await Promise.all(DATABASE_ROLES.map(read));
  return Object.fromEntries(
    DATABASE_ROLES.map((role, i) => [role, outcomes[i]]),
  ) as Record<DatabaseRole, Outcome<T>>;
}
