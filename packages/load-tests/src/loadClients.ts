/*
 * The load: concurrent API clients in a process of their own, so neither
 * the backend nor the sandbox shares their event loop. Started by load.ts
 * with LOAD_CLIENTS = JSON `{ baseUrl, clients, durationMs, paths }` and the
 * token in LOAD_TESTS_API_TOKEN; prints one JSON line with the results.
 */
import { percentile } from './figures';

/** What one run of the clients measured. */
export interface LoadResult {
  requests: number;
  errors: number;
  /** Per path and failure (status code or error name), how many, for the report. */
  failures: Record<string, number>;
  seconds: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

async function main() {
  const { baseUrl, clients, durationMs, paths } = JSON.parse(
    process.env.LOAD_CLIENTS ?? '{}',
  ) as {
    baseUrl: string;
    clients: number;
    durationMs: number;
    paths: string[];
  };
  const headers = {
    authorization: `Bearer ${process.env.LOAD_TESTS_API_TOKEN}`,
  };
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const started = Date.now();
  const end = started + durationMs;

  async function client(index: number) {
    // Clients start at different paths, so every path is asked at once.
    for (let i = index; Date.now() < end; i++) {
      const path = paths[i % paths.length];
      const t = performance.now();
      try {
        const res = await fetch(`${baseUrl}${path}`, { headers });
        await res.arrayBuffer();
        if (!res.ok) {
          const key = `${path} HTTP ${res.status}`;
          failures[key] = (failures[key] ?? 0) + 1;
        }
      } catch (error) {
        const key = `${path} ${(error as Error).name}`;
        failures[key] = (failures[key] ?? 0) + 1;
      }
      latencies.push(performance.now() - t);
    }
  }

  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  const sorted = latencies.sort((a, b) => a - b);
  const result: LoadResult = {
    requests: sorted.length,
    errors: Object.values(failures).reduce((a, b) => a + b, 0),
    failures,
    seconds: (Date.now() - started) / 1000,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    maxMs: sorted[sorted.length - 1] ?? NaN,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
