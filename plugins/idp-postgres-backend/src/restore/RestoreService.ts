import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseRole,
  RestoreItemResult,
  RestorePlan,
  RestoreResult,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { PluginConfig } from '../config/pluginConfig';
import type { ClusterClients } from '../service/ClusterClients';
import { RestoreInput, planItem, roleSecretData } from './restorePlan';

/** What the caller asked of a restore. */
export interface RestoreRequest {
  dryRun?: boolean;
  force?: boolean;
  roles?: DatabaseRole[];
}

/** Labels that mark a Kubernetes secret as restored by this plugin. */
export const RESTORED_BY_LABEL = 'idp.jppol.dk/restored-by';

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
    request: RestoreRequest,
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
    const items = inputs.map(input => planItem(input, request.force ?? false));
    if (request.dryRun) {
      return { namespace: ref.namespace, name: ref.name, items };
    }

    // One after the other: at most three secrets, and a failure part-way
    // leaves a clear record of what was and was not written.
    const results: RestoreItemResult[] = [];
    for (const [i, item] of items.entries()) {
      const source = inputs[i].source;
      if (
        (item.action !== 'create' && item.action !== 'overwrite') ||
        source.state !== 'present'
      ) {
        results.push({ ...item, outcome: 'skipped' });
        continue;
      }
      const secret = {
        namespace: ref.namespace,
        name: item.secretName,
        labels: {
          [RESTORED_BY_LABEL]: 'backstage-idp-postgres',
          'idp.jppol.dk/database': names.database,
          'idp.jppol.dk/role': item.role,
        },
        data: roleSecretData(source.values),
      };
      try {
        if (item.action === 'create') {
          await kubernetes.createSecret(secret);
        } else {
          await kubernetes.replaceSecret(secret);
        }
        results.push({ ...item, outcome: 'done' });
      } catch (error) {
        results.push({
          ...item,
          outcome: 'failed',
          error: (error as Error).message,
        });
      }
    }
    this.logger.info('Restored Kubernetes secrets from Secrets Manager', {
      namespace: ref.namespace,
      name: ref.name,
      done: results.filter(r => r.outcome === 'done').length,
      failed: results.filter(r => r.outcome === 'failed').length,
      skipped: results.filter(r => r.outcome === 'skipped').length,
    });
    return {
      namespace: ref.namespace,
      name: ref.name,
      dryRun: false,
      items: results,
    };
  }
}
