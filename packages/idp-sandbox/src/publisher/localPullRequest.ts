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

/**
 * What GitHub does for `publish:github:pull-request`, against the local
 * bare apps repo: the workspace files are laid over the target branch on a
 * new branch, the branch is kept as `refs/pull/<n>/head`, and (unless it is a
 * draft or auto-merge is off) merged into the target as a merge commit.
 */
export async function openLocalPullRequest(
  repo: AppsRepo,
  input: LocalPullRequestInput,
): Promise<LocalPullRequest> {
  const target = input.targetBranchName ?? APPS_REPO_BRANCH;
  const work = await repo.clone();
  try {
    const remoteBranches = await repo.git([
      'branch',
      '--list',
      input.branchName,
    ]);
    if (remoteBranches.trim() && !input.update) {
      throw new ConflictError(
        `Branch ${input.branchName} already exists in the apps repo; set update: true to add to it.`,
      );
    }
    await repo.git(
      ['checkout', '--quiet', '-B', input.branchName, `origin/${target}`],
      work,
    );
    const destination = input.targetPath
      ? path.join(work, input.targetPath)
      : work;
    fs.mkdirSync(destination, { recursive: true });
    copyTree(input.sourceDir, destination);
    for (const file of input.filesToDelete ?? []) {
      fs.rmSync(path.join(work, file), { force: true, recursive: true });
    }
    await repo.git(['add', '-A'], work);
    const author = input.author?.name
      ? [
          '-c',
          `user.name=${input.author.name}`,
          '-c',
          `user.email=${input.author.email ?? ''}`,
        ]
      : [];
    await repo.git(
      [
        ...author,
        'commit',
        '--quiet',
        '--allow-empty',
        '-m',
        input.commitMessage,
      ],
      work,
    );
    const number = await nextPullNumber(repo);
    await repo.git(
      [
        'push',
        '--quiet',
        '--force',
        'origin',
        `HEAD:refs/heads/${input.branchName}`,
        `HEAD:refs/pull/${number}/head`,
      ],
      work,
    );
    const merged = input.autoMerge && !input.draft;
    if (merged) {
      await repo.git(['checkout', '--quiet', target], work);
      await repo.git(
        [
          'merge',
          '--quiet',
          '--no-ff',
          '-m',
          `Merge pull request #${number} from ${input.branchName}\n\n${input.title}`,
          input.branchName,
        ],
        work,
      );
      await repo.git(
        ['push', '--quiet', 'origin', `HEAD:refs/heads/${target}`],
        work,
      );
    }
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
