import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StepRunner } from '../runner/StepRunner';

/**
 * Ports apart from `yarn start` (3000/7007, sandbox 55432/56443/54566), the
 * e2e tests (3100/7107) and the load tests (72xx), so the test runs beside
 * them.
 */
export const PORTS = {
  app: 3300,
  backend: 7307,
  postgres: 55332,
  kubernetes: 55343,
  secretsManager: 55366,
};

/**
 * One run of the test: its folders, its step runner, and what has to be
 * stopped at the end (in reverse order, also after a failure).
 */
export class AdoptionRun {
  readonly runner: StepRunner;
  readonly artifacts: string;
  /** Temporary: the registry, the tarballs, the app and the sandbox's state. */
  readonly workDir: string;
  readonly stateDir: string;
  readonly release: string;
  private readonly cleanups: Array<() => Promise<void>> = [];
  private cleaned = false;

  constructor(
    readonly repoRoot: string,
    readonly quick: boolean,
    /** Tarballs packed already by `yarn release:check --out`, instead of packing again. */
    readonly tarballsDir?: string,
  ) {
    this.artifacts = path.join(repoRoot, 'artifacts', 'adoption');
    fs.rmSync(this.artifacts, { recursive: true, force: true });
    this.runner = new StepRunner(this.artifacts);
    this.workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-adoption-'));
    // The sandbox's PostgreSQL runs as the postgres user when we are root.
    fs.chmodSync(this.workDir, 0o755);
    this.stateDir = path.join(this.workDir, 'sandbox');
    this.release = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'backstage.json'), 'utf8'),
    ).version;
  }

  /** A folder of its own in the temporary folder. */
  dir(name: string): string {
    const dir = path.join(this.workDir, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Something to stop when the run ends. */
  onCleanup(cleanup: () => Promise<void>) {
    this.cleanups.push(cleanup);
  }

  /** Stops everything registered, last first; runs once. */
  async cleanUp(): Promise<void> {
    if (this.cleaned) return;
    this.cleaned = true;
    for (const cleanup of this.cleanups.reverse()) {
      await cleanup().catch(error =>
        process.stderr.write(`cleanup: ${(error as Error).message}\n`),
      );
    }
  }

  /** Deletes the temporary folder, the app and its node_modules included. */
  removeWorkDir() {
    spawnSync('rm', ['-rf', this.workDir], { stdio: 'inherit' });
  }

  /**
   * Starts deleting the temporary folder and returns: a minute of disk work
   * that need not hold up what runs next (CI's following stages).
   */
  removeWorkDirInBackground() {
    spawn('rm', ['-rf', this.workDir], {
      detached: true,
      stdio: 'ignore',
    }).unref();
  }
}
