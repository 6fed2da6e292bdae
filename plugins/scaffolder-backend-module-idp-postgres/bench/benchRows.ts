import fs from 'node:fs';
import path from 'node:path';

/** One figure of the benchmark table, measured beside its goal. */
export interface BenchRow {
  figure: string;
  measured: string;
  goal: string;
  met?: boolean;
}

/**
 * Writes this module's rows to `artifacts/bench/<name>.json` at the repo
 * root, in the format the root `yarn bench` (scripts/bench.js) merges into
 * one table with the backend's rows.
 */
export function writeBenchRows(
  name: string,
  settings: Record<string, number | string>,
  rows: BenchRow[],
  complete: boolean,
): void {
  const dir = path.resolve(__dirname, '../../../artifacts/bench');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${name}.json`),
    `${JSON.stringify(
      {
        bench: name,
        date: new Date().toISOString(),
        settings,
        complete,
        rows,
      },
      null,
      2,
    )}\n`,
  );
}
