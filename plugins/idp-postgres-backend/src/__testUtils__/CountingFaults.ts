import { FaultInjector } from '@jppol-idp/idp-sandbox';

/**
 * The sandbox's fault injector, counting the operations it is asked about.
 * Every emulator request passes through `decide` once, so the counts are
 * the number of API calls our code made, by operation.
 */
export class CountingFaults extends FaultInjector {
  private readonly counts = new Map<string, number>();

  override async decide(operation: string) {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
    return super.decide(operation);
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
  }
}
