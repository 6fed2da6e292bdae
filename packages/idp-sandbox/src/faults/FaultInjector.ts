/**
 * What to do to one operation of an emulator. All fields are optional and
 * combine: a delay is applied first, then the failure (if the dice say so).
 *
 * @public
 */
export interface FaultRule {
  /** Added latency in milliseconds before the operation runs. */
  delayMs?: number;
  /** Probability (0..1) that the operation fails; 1 when only `status` is set. */
  failureRate?: number;
  /**
   * HTTP status of the failure. 429 means throttling: Secrets Manager answers
   * `ThrottlingException`, Kubernetes `TooManyRequests`. Defaults to 500.
   */
  status?: number;
  /** Answer 200 with a body that is not valid JSON instead of the real one. */
  malformedBody?: boolean;
  /** For the PostgreSQL proxy: drop the connection instead of forwarding. */
  dropConnection?: boolean;
  /**
   * For the TCP proxy: answer the client with these bytes and close the
   * connection instead of passing its bytes on, as another service on the
   * port would: a non-PostgreSQL reply, or a canned HTTP response that is
   * well-formed but not the shape the API promises. The emulators do not
   * apply it; put the proxy in front of one for that.
   */
  reply?: string;
}

/** The decision for one call; `undefined` from `decide` means "behave normally". */
export type FaultOutcome =
  | { kind: 'fail'; status: number }
  | { kind: 'malformed' }
  | { kind: 'drop' }
  | { kind: 'reply'; bytes: string };

/**
 * Per-operation delay and failure injection, shared by the emulators and the
 * PostgreSQL proxy. Rules are changed at runtime (from tests, benchmarks or
 * the sandbox's control endpoint) without restarting anything.
 *
 * Operation names are the emulator's own: Secrets Manager uses the API
 * operation (`GetSecretValue`), Kubernetes uses `<plural>.<verb>`
 * (`secrets.get`), the proxy uses `connect`. `*` applies to every operation
 * that has no rule of its own.
 *
 * @public
 */
export class FaultInjector {
  #rules = new Map<string, FaultRule>();
  readonly #random: () => number;

  constructor(options: { random?: () => number } = {}) {
    this.#random = options.random ?? Math.random;
  }

  /** Sets (replaces) the rule for an operation, or `*` for all. */
  set(operation: string, rule: FaultRule): void {
    if (rule.failureRate !== undefined) {
      if (!(rule.failureRate >= 0 && rule.failureRate <= 1)) {
        throw new RangeError(
          `failureRate must be between 0 and 1, got ${rule.failureRate}`,
        );
      }
    }
    if (rule.delayMs !== undefined && !(rule.delayMs >= 0)) {
      throw new RangeError(`delayMs must be 0 or more, got ${rule.delayMs}`);
    }
    this.#rules.set(operation, { ...rule });
  }

  /** Removes the rule for one operation, or every rule without an argument. */
  clear(operation?: string): void {
    if (operation === undefined) this.#rules.clear();
    else this.#rules.delete(operation);
  }

  /** The rules in force, for status output. */
  rules(): Record<string, FaultRule> {
    return Object.fromEntries(this.#rules);
  }

  /** Waits out the delay for an operation and decides whether it fails. */
  async decide(operation: string): Promise<FaultOutcome | undefined> {
    const rule = this.#rules.get(operation) ?? this.#rules.get('*');
    if (!rule) return undefined;
    if (rule.delayMs) {
      await new Promise(resolve => setTimeout(resolve, rule.delayMs));
    }
    const failing =
      rule.status !== undefined ||
      rule.malformedBody ||
      rule.dropConnection ||
      rule.reply !== undefined;
    if (!failing) return undefined;
    const rate = rule.failureRate ?? 1;
    if (this.#random() >= rate) return undefined;
    if (rule.dropConnection) return { kind: 'drop' };
    if (rule.reply !== undefined) return { kind: 'reply', bytes: rule.reply };
    if (rule.malformedBody) return { kind: 'malformed' };
    return { kind: 'fail', status: rule.status ?? 500 };
  }
}
