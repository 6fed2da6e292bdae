import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { DatabaseStatus } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * A status with the stamp of the moment its check began (milliseconds since
 * the epoch), which orders it against changes made through the plugin, and
 * its size as JSON, which bounds the memory it may take.
 */
export interface CheckedStatus {
  status: DatabaseStatus;
  startedAt: number;
  bytes: number;
}

/**
 * A shared store that answers slower than this is treated as empty: the
 * status is then checked upstream, which is what a cache miss costs anyway.
 * Redis answers in a millisecond; the margin is for a busy event loop, which
 * delays the answer and the timer alike.
 */
const ANSWER_TIMEOUT_MS = 2000;
/**
 * After a failure the store is left alone this long, so an outage costs one
 * timeout now and then instead of one per request.
 */
const RETRY_AFTER_MS = 10_000;
/** One warning a minute at most while the shared store is failing. */
const WARN_INTERVAL_MS = 60_000;

/**
 * The statuses every replica shares, in Backstage's `CacheService` (redis
 * and the like). Per database three entries: the status, the stamp of the
 * check that produced it (small, so a replica that holds the same status in
 * memory learns it is still current without fetching it again), and the
 * stamp of the last change made through any replica. A status whose check
 * began before that change is never served.
 *
 * The store is an optimisation: when it fails or is slow, reads are misses
 * and writes are skipped, with a warning, and statuses are checked upstream.
 */
export class SharedStatusCache {
  private failures = 0;
  private lastWarning = -Infinity;
  private unavailableUntil = 0;

  constructor(
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly ttlMs: number,
    /** How long a change is remembered: longer than any cached status lives. */
    private readonly changeMemoryMs: number,
  ) {}

  /** The stamps of the shared status and of the last change, if any. */
  async stamps(key: string): Promise<{ checked?: number; changed?: number }> {
    const [checked, changed] = await Promise.all([
      this.attempt('read', () => this.cache.get<number>(`checked:${key}`)),
      this.lastChange(key),
    ]);
    return {
      checked: typeof checked === 'number' ? checked : undefined,
      changed,
    };
  }

  async lastChange(key: string): Promise<number | undefined> {
    const changed = await this.attempt('read', () =>
      this.cache.get<number>(`changed:${key}`),
    );
    return typeof changed === 'number' ? changed : undefined;
  }

  async read(key: string): Promise<CheckedStatus | undefined> {
    const found = await this.attempt('read', () =>
      this.cache.get(`status:${key}`),
    );
    return isCheckedStatus(found) ? found : undefined;
  }

  /**
   * Shares a status. The status goes first, its stamp second, so a replica
   * that sees the new stamp finds the status (or a newer one) behind it.
   */
  async write(key: string, checked: CheckedStatus): Promise<void> {
    if (this.ttlMs <= 0) return;
    const written = await this.attempt('write', async () => {
      await this.cache.set(`status:${key}`, checked as never, {
        ttl: this.ttlMs,
      });
      return true;
    });
    if (written) {
      await this.attempt('write', () =>
        this.cache.set(`checked:${key}`, checked.startedAt, {
          ttl: this.ttlMs,
        }),
      );
    }
  }

  /**
   * Records a change made through this replica: every replica then checks
   * again instead of serving the status from before it.
   */
  async changed(key: string, at: number): Promise<void> {
    // Tried even while the store is left alone after a failure: skipping it
    // would let the other replicas serve the old status for the whole TTL.
    const always = { evenIfFailing: true };
    await this.attempt(
      'write',
      () =>
        this.cache.set(`changed:${key}`, at, {
          ttl: this.ttlMs + this.changeMemoryMs,
        }),
      always,
    );
    await Promise.all([
      this.attempt('delete', () => this.cache.delete(`checked:${key}`), always),
      this.attempt('delete', () => this.cache.delete(`status:${key}`), always),
    ]);
  }

  /** Runs one store operation; undefined when it fails or takes too long. */
  private async attempt<T>(
    what: 'read' | 'write' | 'delete',
    operation: () => Promise<T>,
    options: { evenIfFailing?: boolean } = {},
  ): Promise<T | undefined> {
    if (!options.evenIfFailing && Date.now() < this.unavailableUntil) {
      return undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        operation(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)),
            ANSWER_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      this.unavailableUntil = Date.now() + RETRY_AFTER_MS;
      this.warn(what, error as Error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private warn(what: string, error: Error) {
    this.failures += 1;
    const now = Date.now();
    if (now - this.lastWarning < WARN_INTERVAL_MS) return;
    this.logger.warn(
      'The shared status cache failed; statuses are checked upstream meanwhile',
      {
        operation: what,
        error: error.message,
        failuresSinceLastWarning: this.failures,
      },
    );
    this.failures = 0;
    this.lastWarning = now;
  }
}

function isCheckedStatus(value: unknown): value is CheckedStatus {
  const v = value as Partial<CheckedStatus> | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.startedAt === 'number' &&
    typeof v.bytes === 'number' &&
    typeof v.status === 'object' &&
    v.status !== null
  );
}
