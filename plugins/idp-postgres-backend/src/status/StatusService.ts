import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  DatabaseRef,
  DatabaseStatus,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { LRUCache } from 'lru-cache';
import type { PluginConfig } from '../config/pluginConfig';
import { evaluateStatus } from './evaluateStatus';
import type { AppsRepoFacts, DatabaseFacts } from './facts';
import { CheckedStatus, SharedStatusCache } from './SharedStatusCache';
import type { StatusCollector } from './StatusCollector';

/**
 * How long a change made through the plugin is remembered beyond the TTL:
 * longer than any check runs, so a check begun before the change and
 * finished later is still known to be stale.
 */
const CHANGE_MEMORY_MS = 10 * 60_000;
/** Checks made again when changes keep coming while one runs. */
const MAX_STALE_RETRIES = 3;

/** A finished check, and whether a change made it stale before it ended. */
interface Round {
  checked: CheckedStatus;
  stale: boolean;
}

/**
 * The status of one database, cached for the configured TTL.
 *
 * Requests for the same database at the same time share one upstream round
 * (ListSecrets and friends have low AWS quotas), also with caching off.
 * With a `shared` cache (Backstage's `CacheService` on redis or the like),
 * a status checked by one replica is served by all; each process also keeps
 * statuses in memory, bounded in bytes, and asks the shared cache only
 * whether what it holds is still current. A change made through the plugin
 * (`forget`) reaches every replica at once.
 */
export class StatusService {
  private readonly config: PluginConfig;
  private readonly collector: StatusCollector;
  private readonly logger: LoggerService;
  /**
   * What the apps repo says about a database, from the inventory; it also
   * keeps a database defined but not synced yet from being "not found".
   */
  private readonly appsRepoOf: (
    ref: DatabaseRef,
  ) => Promise<AppsRepoFacts | undefined>;
  private readonly shared?: SharedStatusCache;
  /** Statuses in this process; none with caching off. */
  private readonly local?: LRUCache<string, CheckedStatus>;
  /** Per database, the stamp of the last change made through this process. */
  private readonly changes: LRUCache<string, number>;
  private readonly inFlight = new Map<string, Promise<Round>>();
  private lastStamp = 0;

  constructor(options: {
    config: PluginConfig;
    collector: StatusCollector;
    logger: LoggerService;
    appsRepoOf?: (ref: DatabaseRef) => Promise<AppsRepoFacts | undefined>;
    /** A cache every replica shares; without one, each process caches alone. */
    shared?: CacheService;
  }) {
    this.config = options.config;
    this.collector = options.collector;
    this.logger = options.logger;
    this.appsRepoOf = options.appsRepoOf ?? (async () => undefined);
    const ttlMs = this.config.cacheTtlMs;
    if (options.shared) {
      this.shared = new SharedStatusCache(
        options.shared,
        this.logger,
        ttlMs,
        CHANGE_MEMORY_MS,
      );
    }
    if (ttlMs > 0) {
      this.local = new LRUCache<string, CheckedStatus>({
        ttl: ttlMs,
        maxSize: this.config.cacheMaxBytes,
        // A status larger than the whole cache is not kept, only served.
        sizeCalculation: checked => Math.max(1, checked.bytes),
      });
    }
    this.changes = new LRUCache<string, number>({
      max: 10_000,
      ttl: ttlMs + CHANGE_MEMORY_MS,
    });
  }

  async status(
    ref: DatabaseRef,
    options: { refresh?: boolean } = {},
  ): Promise<DatabaseStatus> {
    const key = `${ref.namespace}/${ref.name}`;
    if (!options.refresh) {
      const cached = await this.cached(key);
      if (cached) return cached.status;
    }
    let round = await this.round(key, ref);
    // A check begun before the plugin changed this database (even one that
    // was in flight then) is not shown; bounded, in case changes keep coming.
    for (let i = 0; i < MAX_STALE_RETRIES && round.stale; i++) {
      round = await this.round(key, ref);
    }
    return round.checked.status;
  }

  /**
   * Marks a database the plugin itself just changed (restore, apply
   * grants), so the next read on any replica checks again instead of
   * showing the state before the change for the rest of the TTL. Never
   * rejects: when the shared cache fails, other replicas may show the old
   * state until the TTL ends, and that is logged.
   */
  async forget(ref: DatabaseRef): Promise<void> {
    const key = `${ref.namespace}/${ref.name}`;
    const at = this.stamp();
    this.changes.set(key, at);
    this.local?.delete(key);
    await this.shared?.changed(key, at);
  }

  /** A cached status no change has overtaken, or undefined. */
  private async cached(key: string): Promise<CheckedStatus | undefined> {
    if (!this.local) return undefined;
    const held = this.local.get(key);
    if (!this.shared) {
      return held && held.startedAt > (this.changes.get(key) ?? 0)
        ? held
        : undefined;
    }
    const stamps = await this.shared.stamps(key);
    const changed = Math.max(stamps.changed ?? 0, this.changes.get(key) ?? 0);
    if (stamps.checked === undefined || stamps.checked <= changed) {
      return undefined;
    }
    if (held && held.startedAt >= stamps.checked) return held;
    const fetched = await this.shared.read(key);
    if (!fetched || fetched.startedAt <= changed) return undefined;
    this.local.set(key, fetched);
    return fetched;
  }

  /** The upstream round in flight for this database, or a new one. */
  private round(key: string, ref: DatabaseRef): Promise<Round> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = this.check(key, ref);
    this.inFlight.set(key, started);
    // Registered before any reader awaits it, so the entry is gone by the
    // time readers resume and a reader's retry starts a new round.
    const done = () => {
      if (this.inFlight.get(key) === started) this.inFlight.delete(key);
    };
    started.then(done, done);
    return started;
  }

  private async check(key: string, ref: DatabaseRef): Promise<Round> {
    const startedAt = this.stamp();
    const status = await this.build(ref);
    const checked: CheckedStatus = {
      status,
      startedAt,
      bytes: Buffer.byteLength(JSON.stringify(status)),
    };
    const stale = startedAt <= (await this.lastChange(key));
    if (!stale && this.local) {
      this.local.set(key, checked);
      await this.shared?.write(key, checked);
    }
    return { checked, stale };
  }

  private async lastChange(key: string): Promise<number> {
    const here = this.changes.get(key) ?? 0;
    const anywhere = (await this.shared?.lastChange(key)) ?? 0;
    return Math.max(here, anywhere);
  }

  /**
   * Wall-clock milliseconds, strictly increasing in this process, so a check
   * and a change in the same millisecond are still ordered. Replicas compare
   * stamps across machines; clocks kept by NTP differ by far less than a
   * check takes.
   */
  private stamp(): number {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return this.lastStamp;
  }

  private async build(ref: DatabaseRef): Promise<DatabaseStatus> {
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
