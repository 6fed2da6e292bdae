import fs from 'node:fs';
import type { PostgresServer } from '../postgres/PostgresServer';

/** Stops the run's PostgreSQL and removes its throwaway folder. */
export default async function globalTeardown() {
  const run = (globalThis as Record<string, unknown>).__idpSandboxTestRun as
    | { server: PostgresServer; runDir: string }
    | undefined;
  if (!run) return;
  await run.server.stop();
  fs.rmSync(run.runDir, { recursive: true, force: true });
}
