import fs from 'node:fs';
import path from 'node:path';
import { removePostgresState } from '../postgres/dataDirectory';
import type { PostgresServer } from '../postgres/PostgresServer';

/** Stops the run's PostgreSQL and removes its throwaway folder. */
export default async function globalTeardown() {
  const run = (globalThis as Record<string, unknown>).__idpSandboxTestRun as
    | { server: PostgresServer; runDir: string }
    | undefined;
  if (!run) return;
  await run.server.stop();
  removePostgresState(path.join(run.runDir, 'postgres'));
  fs.rmSync(run.runDir, { recursive: true, force: true });
}
