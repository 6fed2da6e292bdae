import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  DatabaseRef,
  DatabaseStatus,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { LRUCache } from 'lru-cache';
import type { PluginConfig } from '../config/pluginConfig';
import { evaluateStatus } from './evaluateStatus';
import type { AppsRepoFacts, DatabaseFacts } from './facts';
import type { StatusCollector } from './StatusCollector';

/**
 * The status of one database, cached for the configured TTL. The cache's
 * `fetch` keeps one upstream fetch per database in flight, so many people
 * opening the same page cost one round of calls (ListSecrets and friends have
 * low AWS quotas); `refresh` starts a fresh round.
 */
export class StatusService {
  private readonly cache: LRUCache<string, Checked, DatabaseRef>;
  /** Orders checks and changes: a check numbered before a change is stale. */
  private sequence = 0;
  /** Per database, the number of the last change made through the plugin. */
  private readonly changed = new Map<string, number>();

  constructor(
    config: PluginConfig,
    private readonly collector: StatusCollector,
    private readonly logger: LoggerService,
    /**
     * What the apps repo says about a database, from the inventory; it also
     * keeps a database defined but not synced yet from being "not found".
     */
    private readonly appsRepoOf: (
      ref: DatabaseRef,
    ) => Promise<AppsRepoFacts | undefined> = async () => undefined,
  ) {
    this.cache = new LRUCache<string, Checked, DatabaseRef>({
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
    const key = `${ref.namespace}/${ref.name}`;
    let checked = await this.cache.fetch(key, {
      context: ref,
      forceRefresh: options.refresh ?? false,
    });
    // A check begun before the plugin changed this database (even one that
    // was in flight then) is not shown; bounded, in case changes keep coming.
    for (let i = 0; i < 3 && checked && this.isStale(key, checked); i++) {
      checked = await this.cache.fetch(key, {
        context: ref,
        forceRefresh: true,
      });
    }
    if (!checked) {
      throw new NotFoundError(
        `No status for database ${ref.namespace}/${ref.name}`,
      );
    }
    return checked.status;
  }

  /**
   * Marks a database the plugin itself just changed (restore, apply
   * grants), so the next read checks again instead of showing the state
   * before the change for the rest of the TTL. The cached entry is not
   * deleted: that would abort a check in flight and fail its readers.
   */
  forget(ref: DatabaseRef): void {
    this.changed.set(`${ref.namespace}/${ref.name}`, ++this.sequence);
  }

  private isStale(key: string, checked: Checked): boolean {
    const change = this.changed.get(key);
    if (change === undefined) return false;
    if (checked.sequence > change) {
      this.changed.delete(key);
      return false;
    }
    return true;
  }

  private async build(ref: DatabaseRef): Promise<Checked> {
    const sequence = ++this.sequence;
    const started = Date.now();
    const facts = await this.collector.collect(ref, await this.appsRepoOf(ref));
    if (knownNowhere(facts) && !facts.platform.appsRepo?.definition) {
      throw new NotFoundError(
        `Database ${ref.namespace}/${ref.name} has no ${facts.resourcePlural} resource, no Kubernetes secrets and no Secrets Manager secrets`,
      );
    }
    const status = evaluateStatus(facts);
    this.logger.info('Checked database status', {
      namespace: ref.namespace,
      name: ref.name,
      state: status.state,
      next: status.headline.next?.kind ?? 'none',
      knownErrors: status.knownErrors.map(e => e.id).join(','),
      durationMs: Date.now() - started,
    });
    return { status, sequence };
  }
}

/** A status with the number of the check that produced it. */
interface Checked {
  status: DatabaseStatus;
  sequence: number;
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
