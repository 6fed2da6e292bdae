import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  DatabaseRef,
  DatabaseStatus,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { LRUCache } from 'lru-cache';
import type { PluginConfig } from '../config/pluginConfig';
import { evaluateStatus } from './evaluateStatus';
import type { DatabaseFacts } from './facts';
import type { StatusCollector } from './StatusCollector';

/**
 * The status of one database, cached for the configured TTL. The cache's
 * `fetch` keeps one upstream fetch per database in flight, so many people
 * opening the same page cost one round of calls (ListSecrets and friends have
 * low AWS quotas); `refresh` starts a fresh round.
 */
export class StatusService {
  private readonly cache: LRUCache<string, DatabaseStatus, DatabaseRef>;

  constructor(
    config: PluginConfig,
    private readonly collector: StatusCollector,
    private readonly logger: LoggerService,
  ) {
    this.cache = new LRUCache<string, DatabaseStatus, DatabaseRef>({
      max: 1000,
      // lru-cache reads a TTL of 0 as "forever"; 1 ms is "not cached".
      ttl: Math.max(1, config.cacheTtlMs),
      fetchMethod: async (_key, _stale, { context }) => this.build(context),
    });
  }

  async status(
    ref: DatabaseRef,
    options: { refresh?: boolean } = {},
  ): Promise<DatabaseStatus> {
    const status = await this.cache.fetch(`${ref.namespace}/${ref.name}`, {
      context: ref,
      forceRefresh: options.refresh ?? false,
    });
    if (!status) {
      throw new NotFoundError(
        `No status for database ${ref.namespace}/${ref.name}`,
      );
    }
    return status;
  }

  private async build(ref: DatabaseRef): Promise<DatabaseStatus> {
    const started = Date.now();
    const facts = await this.collector.collect(ref);
    if (knownNowhere(facts)) {
      throw new NotFoundError(
        `Database ${ref.namespace}/${ref.name} has no ${facts.resourcePlural} resource, no Kubernetes secrets and no Secrets Manager secrets`,
      );
    }
    const status = evaluateStatus(facts);
    this.logger.info('Checked database status', {
      namespace: ref.namespace,
      name: ref.name,
      state: status.state,
      knownErrors: status.knownErrors.map(e => e.id).join(','),
      durationMs: Date.now() - started,
    });
    return status;
  }
}

/**
 * True when every system answered and none knows the database. A system
 * that failed might know it, so then the status is shown, degraded.
 */
function knownNowhere(facts: DatabaseFacts): boolean {
  if (!facts.resource.ok || facts.resource.value) return false;
  return Object.values(facts.roles).every(
    role =>
      role.kubernetesSecret.ok &&
      !role.kubernetesSecret.value &&
      role.secretsManager.ok &&
      role.secretsManager.value.presence.state === 'missing',
  );
}
