import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { ConflictError } from '@backstage/errors';
import { AppsRepo, APPS_REPO_BRANCH } from '../reconciler/AppsRepo';

/** What to put in a pull request against the local apps repo. */
export interface LocalPullRequestInput {
  /** Folder whose files go into the pull request. */
  sourceDir: string;
  branchName: string;
  targetBranchName?: string;
  targetPath?: string;
  commitMessage: string;
  title: string;
  update?: boolean;
  draft?: boolean;
  filesToDelete?: string[];
  author?: { name?: string; email?: string };
  autoMerge: boolean;
}

export interface LocalPullRequest {
  number: number;
  targetBranchName: string;
  merged: boolean;
  remoteUrl: string;
}

function copyTree(from: string, to: string) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      copyTree(source, target);
    } else {
      fs.copyFileSync(source, target);
    }
  }
}

async function nextPullNumber(repo: AppsRepo): Promise<number> {
  const refs = await repo.git([
    'for-each-ref',
    '--format=%(refname)',
    'refs/pull/',
  ]);
  const numbers = refs
    .split('\n')
    .map(r => Number(r.split('/')[2]))
    .filter(Number.isFinite);
  return Math.max(0, ...numbers) + 1;
}

/** `git commit --author` for the input's author; the repo's identity otherwise. */
function authorArgs(author: LocalPullRequestInput['author']): string[] {
  if (!author?.name) return [];
  // --author, because AppsRepo's GIT_AUTHOR_* environment outranks
  // `-c user.name`, which git would silently ignore.
  return [
    `--author=${author.name} <${author.email ?? 'idp-sandbox@localhost'}>`,
  ];
}

/**
 * What GitHub does for `publish:github:pull-request`, against the local
 * bare apps repo: the workspace files are laid over the target branch on a
 * new branch, the branch is kept as `refs/pull/<n>/head`, and (unless it is a
 * draft or auto-merge is off) merged into the target as a merge commit.
 *
 * All of it is made in a throwaway clone and pushed in one atomic push, so a
 * failure anywhere (a branch that exists, a commit or merge git refuses, a
 * target that moved or rejects the push) leaves no branch, no pull request
 * ref and no half-merged target behind, and running it again can succeed.
 */
export async function openLocalPullRequest(
  repo: AppsRepo,
  input: LocalPullRequestInput,
): Promise<LocalPullRequest> {
  const target = input.targetBranchName ?? APPS_REPO_BRANCH;
  const work = await repo.clone();
  try {
    const branchExists =
      (await repo.git(['branch', '--list', input.branchName])).trim() !== '';
    if (branchExists && !input.update) {
      throw new ConflictError(
        `Branch ${input.branchName} already exists in the apps repo; set update: true to add to it.`,
      );
    }
    await repo.git(
      ['checkout', '--quiet', '-B', input.branchName, `origin/${target}`],
      work,
    );
    const destination = input.targetPath
      ? resolveSafeChildPath(work, input.targetPath)
      : work;
    fs.mkdirSync(destination, { recursive: true });
    copyTree(input.sourceDir, destination);
    // Relative to targetPath, as the GitHub module joins them.
    for (const file of input.filesToDelete ?? []) {
      fs.rmSync(resolveSafeChildPath(destination, file), {
        force: true,
        recursive: true,
      });
    }
    await repo.git(['add', '-A'], work);
    await repo.git(
      [
        'commit',
        '--quiet',
        '--allow-empty',
        ...authorArgs(input.author),
        '-m',
        input.commitMessage,
      ],
      work,
    );
    const head = (await repo.git(['rev-parse', 'HEAD'], work)).trim();
    const number = await nextPullNumber(repo);
    // Only an existing branch that update: true adds to may be overwritten;
    // a branch or pull number someone took meanwhile fails the push.
    const refspecs = [
      `${branchExists ? '+' : ''}${head}:refs/heads/${input.branchName}`,
      `${head}:refs/pull/${number}/head`,
    ];
    const merged = input.autoMerge && !input.draft;
    if (merged) {
      await repo.git(
        ['checkout', '--quiet', '--detach', `origin/${target}`],
        work,
      );
      await repo.git(
        [
          'merge',
          '--quiet',
          '--no-ff',
          '-m',
          `Merge pull request #${number} from ${input.branchName}\n\n${input.title}`,
          head,
        ],
        work,
      );
      // Not forced: a target that moved since the clone rejects the push.
      refspecs.push(`HEAD:refs/heads/${target}`);
    }
    await repo.git(
      ['push', '--quiet', '--atomic', 'origin', ...refspecs],
      work,
    );
    return {
      number,
      targetBranchName: target,
      merged,
      remoteUrl: `file://${repo.dir}#pull/${number}`,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
