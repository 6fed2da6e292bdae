import { FaultInjector } from '@jppol-idp/idp-sandbox';

/**
 * The sandbox's fault injector, counting the operations it is asked about.
 * Every emulator request passes through `decide` once, so the counts are
 * the number of API calls our code made, by operation.
 */
export class CountingFaults extends FaultInjector {
  private readonly counts = new Map<string, number>();
  private inFlight = 0;
  private idle: Array<() => void> = [];
  /** The most operations waiting on a rule at once (with a delay, the concurrency). */
  maxInFlight = 0;

  override async decide(operation: string) {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await super.decide(operation);
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) {
        this.idle.splice(0).forEach(resolve => resolve());
      }
    }
  }

  /**
   * Resolves once no operation waits on a rule. A delayed call outlives the
   * request that gave up on it; its timer would keep the Jest worker alive
   * after the file ends ("failed to exit gracefully"), so teardown waits.
   */
  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise(resolve => this.idle.push(resolve));
  }

  /** How often an operation was called since the last reset. */
  count(operation: string): number {
    return this.counts.get(operation) ?? 0;
  }

  /** Every operation called, with its count. */
  all(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  resetCounts(): void {
    this.counts.clear();
    this.maxInFlight = 0;
  }
}
