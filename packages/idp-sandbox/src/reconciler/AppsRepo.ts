import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// A fixed identity so commits work on machines without git config.
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'idp-sandbox',
  GIT_AUTHOR_EMAIL: 'idp-sandbox@localhost',
  GIT_COMMITTER_NAME: 'idp-sandbox',
  GIT_COMMITTER_EMAIL: 'idp-sandbox@localhost',
};

/** The branch ArgoCD follows. @public */
export const APPS_REPO_BRANCH = 'main';

/**
 * The local apps repository: a bare git repo (like the GitHub remote), read
 * at `main` by the reconciler and written through clones by the publisher,
 * the seed and tests. Uses the `git` binary.
 *
 * @public
 */
export class AppsRepo {
  constructor(readonly dir: string) {}

  /** Runs git with a fixed identity; `cwd` defaults to the bare repo. */
  async git(args: string[], cwd = this.dir): Promise<string> {
    const { stdout } = await run('git', args, {
      cwd,
      env: { ...process.env, ...GIT_ENV },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  }

  /** Runs git in the bare repo and returns its raw output (for file contents). */
  async gitBuffer(args: string[]): Promise<Buffer> {
    const { stdout } = await run('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...GIT_ENV },
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  }

  /**
   * Creates the bare repo with an initial commit on `main`, if missing. The
   * repo is built beside its place and renamed into it, so that two parts
   * starting at once (the sandbox and the dev backend's publisher) never
   * see a half-made repo or push two initial commits.
   */
  async init(): Promise<void> {
    if (fs.existsSync(path.join(this.dir, 'HEAD'))) return;
    fs.mkdirSync(path.dirname(this.dir), { recursive: true });
    const staging = new AppsRepo(
      fs.mkdtempSync(`${this.dir.replace(/\/+$/, '')}.init-`),
    );
    try {
      await staging.git([
        'init',
        '--bare',
        '--quiet',
        `--initial-branch=${APPS_REPO_BRANCH}`,
      ]);
      await staging.commit(
        {
          'README.md':
            '# Apps repository (idp-sandbox)\n\nOne folder per namespace; each application in `<namespace>/<folder>/` with `application.yaml` and `values.yaml`.\n',
        },
        'Initial commit',
      );
      try {
        // Replaces a missing or empty folder in one step.
        fs.renameSync(staging.dir, this.dir);
      } catch (error) {
        // Someone else's repo got there first: use theirs.
        if (!fs.existsSync(path.join(this.dir, 'HEAD'))) throw error;
      }
    } finally {
      fs.rmSync(staging.dir, { recursive: true, force: true });
    }
  }

  /** The commit `main` points at. */
  async head(): Promise<string> {
    return (
      await this.git(['rev-parse', `refs/heads/${APPS_REPO_BRANCH}`])
    ).trim();
  }

  /** Paths of all files at a commit. */
  async listFiles(commit: string): Promise<string[]> {
    const out = await this.git(['ls-tree', '-r', '--name-only', commit]);
    return out.split('\n').filter(Boolean);
  }

  async readFile(commit: string, file: string): Promise<string | undefined> {
    try {
      return await this.git(['show', `${commit}:${file}`]);
    } catch {
      return undefined;
    }
  }

  /** A throwaway clone for writing; the caller removes it. */
  async clone(): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-apps-'));
    await this.git(['clone', '--quiet', this.dir, dir], os.tmpdir());
    return dir;
  }

  /**
   * Commits files to `main` (content, or null to delete) and pushes, as a
   * person merging to the apps repo would. Returns the new commit.
   */
  async commit(
    files: Record<string, string | null>,
    message: string,
  ): Promise<string> {
    const work = await this.clone();
    try {
      for (const [file, content] of Object.entries(files)) {
        const target = path.join(work, file);
        if (content === null) {
          fs.rmSync(target, { force: true });
        } else {
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, content);
        }
      }
      await this.git(['add', '-A'], work);
      await this.git(
        ['commit', '--quiet', '--allow-empty', '-m', message],
        work,
      );
      await this.git(
        ['push', '--quiet', 'origin', `HEAD:refs/heads/${APPS_REPO_BRANCH}`],
        work,
      );
      return (await this.git(['rev-parse', 'HEAD'], work)).trim();
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }

  /** Removes a whole folder (e.g. an application) from `main`. */
  async removeFolder(folder: string, message: string): Promise<string> {
    const files = (await this.listFiles(await this.head())).filter(f =>
      f.startsWith(`${folder.replace(/\/$/, '')}/`),
    );
    return this.commit(Object.fromEntries(files.map(f => [f, null])), message);
  }
}
