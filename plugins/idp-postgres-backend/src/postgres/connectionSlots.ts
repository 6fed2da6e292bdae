import pLimit from 'p-limit';
import { Client } from 'pg';
import { LoginFailure, classifyLoginError } from './classifyLoginError';

/** When no `maxConnections` is given; the same as the config's default. */
export const DEFAULT_MAX_CONNECTIONS = 10;

/** A connection that found no free slot in time; reported like a timeout. */
class NoConnectionSlotError extends Error {
  constructor(max: number, timeoutMs: number) {
    super(
      `No PostgreSQL connection became free within ${timeoutMs} ms: all ${max} the plugin may open (maxPostgresConnections) are in use`,
    );
    this.name = 'NoConnectionSlotError';
  }
}

/**
 * One slot per open PostgreSQL connection, so a burst of checks queues here
 * instead of exhausting the connections of the server or the proxy in front
 * of it. Waiting callers are served in order.
 */
export class ConnectionSlots {
  private readonly limit: pLimit.Limit;

  constructor(private readonly max: number) {
    this.limit = pLimit(max);
  }

  /** Whether a new connection would have to wait. */
  get exhausted(): boolean {
    return this.limit.activeCount + this.limit.pendingCount >= this.max;
  }

  /** Connections waiting for a slot. */
  get waiting(): number {
    return this.limit.pendingCount;
  }

  /**
   * Resolves with the function that gives the slot back once one is free;
   * rejects with a NoConnectionSlotError after `timeoutMs`.
   */
  async acquire(timeoutMs: number): Promise<() => void> {
    const granted = new Promise<() => void>(resolve => {
      this.limit(() => new Promise<void>(release => resolve(release)));
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new NoConnectionSlotError(this.max, timeoutMs)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([granted, timedOut]);
    } catch (error) {
      // p-limit cannot withdraw a queued call: give its slot back when it comes.
      granted.then(release => release());
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * A `pg` Client that takes a slot before it connects and gives it back when
 * its connection has ended. Pools make their connections with it too, so
 * pooled connections count from connect to close, idle time included.
 */
export function clientHoldingASlot(
  takeSlot: () => Promise<() => void>,
  timeoutMs: number,
): typeof Client {
  return class extends Client {
    override connect(): Promise<Client>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<Client> | void {
      const connected = this.connectInSlot();
      if (!callback) return connected;
      // pg-pool connects its clients with a callback.
      connected.then(
        client => (callback as (err: null, c: Client) => void)(null, client),
        error => (callback as (err: Error) => void)(error),
      );
      return undefined;
    }

    async connectInSlot(): Promise<Client> {
      const release = await takeSlot();
      this.once('end', release);
      try {
        return await super.connect();
      } catch (error) {
        // pg ends a connection that failed to connect; this covers a failure
        // before any connection existed, which would never end.
        setTimeout(release, timeoutMs).unref();
        throw error;
      }
    }
  };
}

type ConnectCallback = NonNullable<Parameters<Client['connect']>[0]>;

/** Why a connection failed, a wait for a free slot included. */
export function classifyFailure(
  error: unknown,
  who: { username: string; database: string },
): LoginFailure {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const noSlot = [error, cause].find(e => e instanceof NoConnectionSlotError);
  return noSlot
    ? { failure: 'timeout', reason: `${(noSlot as Error).message}.` }
    : classifyLoginError(error, who);
}
