import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DATABASE_ROLES,
  DatabaseRef,
  RestoreItemResult,
  RestorePlan,
  RestorePlanItem,
  RestoreRequestBody,
  RestoreResult,
  deriveDatabaseNames,
  restoreOutcomeOf,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { ClusterConfig, PluginConfig } from '../config/pluginConfig';
import type { SecretsManagerGateway } from '../secretsManager/SecretsManagerGateway';
import type { ClusterClients } from '../service/ClusterClients';
import {
  EXTERNAL_SECRET_TYPE,
  externalSecretManifest,
} from './externalSecretManifest';
import {
  PlanOptions,
  RestoreInput,
  planItem,
  roleSecretData,
} from './restorePlan';

/** Labels that mark a Kubernetes secret as restored by this plugin. */
export const RESTORED_BY_LABEL = 'idp.jppol.dk/restored-by';

/** One database's restore, with the clients of its cluster. */
interface RestoreContext {
  ref: DatabaseRef;
  cluster: ClusterConfig;
  database: string;
  secretsManager: SecretsManagerGateway;
  options: PlanOptions;
}

/**
 * The manual's restore procedure: recreate a database's Kubernetes secrets
 * from their Secrets Manager copies. Reads both sides of every role first,
 * so a dry run and a real run decide alike; a system that cannot be read
 * fails the whole request (503) rather than restoring on a guess.
 */
export class RestoreService {
  constructor(
    private readonly config: PluginConfig,
    private readonly clients: ClusterClients,
    private readonly logger: LoggerService,
  ) {}

  async restore(
    ref: DatabaseRef,
    request: RestoreRequestBody,
  ): Promise<RestorePlan | RestoreResult> {
    const cluster = clusterForNamespace(this.config, ref.namespace);
    const names = deriveDatabaseNames(ref, {
      secretsManagerNamePattern: cluster.secretsManager.namePattern,
    });
    const kubernetes = this.clients.kubernetes(cluster);
    const secretsManager = this.clients.secretsManager(cluster);
    const roles = DATABASE_ROLES.filter(
      role => !request.roles || request.roles.includes(role),
    );
    const inputs: RestoreInput[] = await Promise.all(
      roles.map(async role => {
        const [existing, source] = await Promise.all([
          kubernetes.readSecret(ref.namespace, names.kubernetesSecrets[role]),
          secretsManager.readValues(names.secretsManagerSecrets[role]),
        ]);
        return {
          role,
          secretName: names.kubernetesSecrets[role],
          secretsManagerName: names.secretsManagerSecrets[role],
          kubernetes: existing,
          source,
        };
      }),
    );
    const context: RestoreContext = {
      ref,
      cluster,
      database: names.database,
      secretsManager,
      options: {
        force: request.force ?? false,
        restoreScheduledSecrets: request.restoreScheduledSecrets ?? false,
      },
    };
    const items = inputs.map(input =>
      withTarget(planItem(input, context.options), cluster),
    );
    if (request.dryRun) {
      return { namespace: ref.namespace, name: ref.name, items };
    }

    // One after the other: at most three secrets, and a failure part-way
    // leaves a clear record of what was and was not written. A failed item
    // does not stop the others: each secret is written whole or not at all,
    // so the others are no less right for it.
    const results: RestoreItemResult[] = [];
    for (const [i, item] of items.entries()) {
      results.push(await this.run(context, inputs[i], item));
    }
    const outcome = restoreOutcomeOf(results);
    this.logger.info('Restored Kubernetes secrets from Secrets Manager', {
      namespace: ref.namespace,
      name: ref.name,
      outcome,
      done: results.filter(r => r.outcome === 'done').length,
      failed: results.filter(r => r.outcome === 'failed').length,
      skipped: results.filter(r => r.outcome === 'skipped').length,
      cancelledDeletions: results.filter(
        r =>
          r.secretsManagerStep === 'cancel-deletion' && r.outcome !== 'failed',
      ).length,
    });
    return {
      namespace: ref.namespace,
      name: ref.name,
      dryRun: false,
      outcome,
      items: results,
    };
  }

  /** Runs one planned step; a failure is recorded on the item, not thrown. */
  private async run(
    context: RestoreContext,
    input: RestoreInput,
    planned: RestorePlanItem,
  ): Promise<RestoreItemResult> {
    let item = planned;
    let source = input.source;
    let cancelled = false;
    try {
      if (planned.secretsManagerStep === 'cancel-deletion') {
        // Only now can the value be read and compared, so plan again.
        await context.secretsManager.cancelDeletion(input.secretsManagerName);
        cancelled = true;
        source = await context.secretsManager.readValues(
          input.secretsManagerName,
        );
        const replanned = withTarget(
          planItem({ ...input, source }, context.options),
          context.cluster,
        );
        item = {
          ...replanned,
          secretsManagerStep: 'cancel-deletion',
          reason: `Cancelled the scheduled deletion of ${input.secretsManagerName}. ${replanned.reason}`,
        };
      }
      if (
        (item.action !== 'create' && item.action !== 'overwrite') ||
        source.state !== 'present'
      ) {
        return { ...item, outcome: 'skipped' };
      }
      await this.write(context, item, source.values);
      return { ...item, outcome: 'done' };
    } catch (error) {
      const message = (error as Error).message;
      return {
        ...item,
        outcome: 'failed',
        // Secrets Manager was changed even though the Kubernetes side was
        // not: the caller needs to know the deletion is no longer scheduled.
        error: cancelled
          ? `The scheduled deletion of ${input.secretsManagerName} was cancelled, but then: ${message}`
          : message,
      };
    }
  }

  private async write(
    context: RestoreContext,
    item: RestorePlanItem,
    values: Record<string, string>,
  ): Promise<void> {
    const kubernetes = this.clients.kubernetes(context.cluster);
    const labels = {
      [RESTORED_BY_LABEL]: 'backstage-idp-postgres',
      'idp.jppol.dk/database': context.database,
      'idp.jppol.dk/role': item.role,
    };
    if (item.target === 'external-secret') {
      await kubernetes.putCustomObject(
        EXTERNAL_SECRET_TYPE,
        externalSecretManifest({
          namespace: context.ref.namespace,
          secretName: item.secretName,
          secretsManagerName: item.secretsManagerName,
          labels,
          secretStoreRef: context.cluster.restore.secretStoreRef,
          creationPolicy: item.action === 'create' ? 'Owner' : 'Merge',
        }),
      );
      return;
    }
    // One API call per secret with all four keys: Kubernetes stores an
    // object whole or refuses it, so a failure leaves the secret as it was
    // (absent, or the old one), never half-written.
    const secret = {
      namespace: context.ref.namespace,
      name: item.secretName,
      labels,
      data: roleSecretData(values),
    };
    if (item.action === 'create') {
      await kubernetes.createSecret(secret);
    } else {
      await kubernetes.replaceSecret(secret);
    }
  }
}

/** Marks what a writing step writes in this cluster, by config. */
function withTarget(
  item: RestorePlanItem,
  cluster: ClusterConfig,
): RestorePlanItem {
  return item.action === 'create' || item.action === 'overwrite'
    ? { ...item, target: cluster.restore.target }
    : item;
}
