import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** One figure of the benchmark table, measured beside its goal. */
export interface BenchRow {
  figure: string;
  measured: string;
  goal: string;
  /** Whether the goal is met; left out for set-up figures without a goal. */
  met?: boolean;
}

/**
 * The rows of one benchmark file. They are written to
 * `artifacts/bench/<name>.json` at the repo root, where the root
 * `yarn bench` (scripts/bench.js) merges every file into one table, so
 * a run prints one table however many Jest files produced it.
 */
export class BenchRows {
  private readonly rows: BenchRow[] = [];
  private complete = false;

  constructor(
    private readonly name: string,
    private readonly settings: Record<string, number | string>,
  ) {}

  add(row: BenchRow): void {
    this.rows.push(row);
  }

  /**
   * Runs the measurement of one figure, which adds its own rows. When it
   * throws, the figure gets a row saying so and the benchmark goes on: a
   * broken part of the plugin shows as a missed goal, not a missing table.
   */
  async attempt(
    figure: string,
    goal: string,
    measure: () => Promise<void>,
  ): Promise<void> {
    try {
      await measure();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.add({
        figure,
        measured: `failed: ${message.slice(0, 300)}`,
        goal,
        met: false,
      });
    }
  }

  /** Marks the run as finished; a file written without it says it stopped early. */
  finish(): void {
    this.complete = true;
  }

  write(): void {
    const dir = path.resolve(__dirname, '../../../artifacts/bench');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, `${this.name}.json`),
      `${JSON.stringify(
        {
          bench: this.name,
          date: new Date().toISOString(),
          settings: this.settings,
          complete: this.complete,
          rows: this.rows,
        },
        null,
        2,
      )}\n`,
    );
  }
}

/** A size a bench run can be given in the environment, e.g. `IDP_BENCH_TABLES=100`. */
export function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/** The middle value; the upper one of the two middles for an even count. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds `work` took, with its result. */
export async function timed<T>(
  work: () => Promise<T>,
): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Resolves once `condition` holds, checking every 50 ms; throws after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
