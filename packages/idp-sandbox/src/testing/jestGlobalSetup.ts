import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PostgresServer } from '../postgres/PostgresServer';
import { readJsonFile, writeJsonFile } from '../state/jsonFile';
import { isAlive, isPostgresProcess, killProcess } from '../postgres/processes';
import { removePostgresState } from '../postgres/dataDirectory';
import { TEST_POSTGRES_ENV } from './testPostgres';

/*
 * Starts one TLS-only PostgreSQL for the whole test run (every package's
 * tests use it through their Jest config); tests get the connection through a
 * 0600 file named by an environment variable. As root, from a checkout the
 * `postgres` OS user cannot enter, the server runs from a copy of the
 * binaries (see PostgresServer).
 */

const RUNS_DIR = path.join(os.tmpdir(), 'idp-sandbox-jest');

/** A run killed with SIGKILL never tears down: stop its server, drop its files. */
async function reapDeadRuns() {
  if (!fs.existsSync(RUNS_DIR)) return;
  for (const entry of fs.readdirSync(RUNS_DIR)) {
    const runDir = path.join(RUNS_DIR, entry);
    const owner = readJsonFile<{ ownerPid: number; postmasterPid?: number }>(
      path.join(runDir, 'postgres', 'owner.json'),
    );
    if (owner && isAlive(owner.ownerPid)) continue;
    if (owner && isPostgresProcess(owner.postmasterPid)) {
      await killProcess(owner.postmasterPid!);
    }
    // Without an owner record the run is either finished or still starting;
    // only remove it once it is clearly old.
    const ageMs = Date.now() - fs.statSync(runDir).mtimeMs;
    if (owner || ageMs > 10 * 60_000) {
      removePostgresState(path.join(runDir, 'postgres'));
      fs.rmSync(runDir, { recursive: true, force: true });
    }
  }
}

export default async function globalSetup() {
  await reapDeadRuns();
  fs.mkdirSync(RUNS_DIR, { recursive: true, mode: 0o755 });
  fs.chmodSync(RUNS_DIR, 0o755);
  const runDir = fs.mkdtempSync(path.join(RUNS_DIR, 'run-'));
  // mkdtemp makes 0700 folders, which the postgres OS user cannot enter.
  fs.chmodSync(runDir, 0o755);
  const server = new PostgresServer({ dir: path.join(runDir, 'postgres') });
  const info = await server.start();
  const connectionFile = path.join(runDir, 'connection.json');
  writeJsonFile(connectionFile, info, 0o600);
  process.env[TEST_POSTGRES_ENV] = connectionFile;
  (globalThis as Record<string, unknown>).__idpSandboxTestRun = {
    server,
    runDir,
  };
}
