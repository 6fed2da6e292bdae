import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AppsRepo } from '../reconciler/AppsRepo';
import { openLocalPullRequest } from './localPullRequest';

/** @public */
export interface LocalPublishPullRequestOptions {
  repo: AppsRepo;
  /** Merge each pull request at once (default true), as if reviewed and approved. */
  autoMerge?: boolean;
}

/**
 * `publish:github:pull-request` for development: the same id, inputs and
 * outputs as the GitHub module's action, so production templates run
 * unchanged, but it commits to the sandbox's local apps repo and merges.
 * Never register it in a production backend.
 *
 * @public
 */
export function createLocalPublishPullRequestAction(
  options: LocalPublishPullRequestOptions,
) {
  return createTemplateAction({
    id: 'publish:github:pull-request',
    description:
      'Sandbox stand-in: commits the workspace to a branch of the local apps repo and merges it (development only).',
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .describe(
              "Repository location, e.g. 'github.com?repo=apps&owner=org'; every repo maps to the local apps repo",
            ),
        branchName: z => z.string().min(1).describe('The name for the branch'),
        title: z => z.string().min(1).describe('The name for the pull request'),
        description: z =>
          z.string().describe('The description of the pull request'),
        targetBranchName: z =>
          z
            .string()
            .optional()
            .describe('The branch to merge into (default main)'),
        draft: z =>
          z
            .boolean()
            .optional()
            .describe('Create as draft: a draft is never auto-merged'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe('Subdirectory of the workspace to copy changes from'),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe('Subdirectory of the repository to apply changes to'),
        token: z =>
          z
            .string()
            .optional()
            .describe('Accepted for compatibility and ignored'),
        reviewers: z =>
          z
            .array(z.string())
            .optional()
            .describe('Accepted for compatibility and ignored'),
        teamReviewers: z =>
          z
            .array(z.string())
            .optional()
            .describe('Accepted for compatibility and ignored'),
        assignees: z =>
          z
            .array(z.string())
            .optional()
            .describe('Accepted for compatibility and ignored'),
        commitMessage: z =>
          z
            .string()
            .optional()
            .describe('The commit message (default: the title)'),
        update: z =>
          z
            .boolean()
            .optional()
            .describe('Add to the branch if it already exists'),
        forceFork: z =>
          z
            .boolean()
            .optional()
            .describe('Accepted for compatibility and ignored'),
        gitAuthorName: z =>
          z.string().optional().describe('Commit author name'),
        gitAuthorEmail: z =>
          z.string().optional().describe('Commit author email'),
        filesToDelete: z =>
          z
            .array(z.string())
            .optional()
            .describe('Repository paths to delete in the pull request'),
      },
      output: {
        remoteUrl: z =>
          z
            .string()
            .describe(
              'Where the pull request lives (a file URL of the local repo)',
            ),
        pullRequestNumber: z => z.number().describe('The pull request number'),
        targetBranchName: z =>
          z.string().describe('The branch the pull request targets'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const target = input.targetBranchName ?? 'main';
      if (ctx.isDryRun) {
        ctx.output('remoteUrl', `file://${options.repo.dir}#pull/dry-run`);
        ctx.output('pullRequestNumber', 0);
        ctx.output('targetBranchName', target);
        return;
      }
      const sourceDir = input.sourcePath
        ? resolveSafeChildPath(ctx.workspacePath, input.sourcePath)
        : ctx.workspacePath;
      const pr = await openLocalPullRequest(options.repo, {
        sourceDir,
        branchName: input.branchName,
        targetBranchName: input.targetBranchName,
        targetPath: input.targetPath,
        commitMessage: input.commitMessage ?? input.title,
        title: input.title,
        update: input.update,
        draft: input.draft,
        filesToDelete: input.filesToDelete,
        author: { name: input.gitAuthorName, email: input.gitAuthorEmail },
        autoMerge: options.autoMerge ?? true,
      });
      ctx.logger.info(
        `Sandbox pull request #${pr.number} for ${input.repoUrl} ${
          pr.merged ? `merged into ${pr.targetBranchName}` : 'left open'
        }`,
      );
      ctx.output('remoteUrl', pr.remoteUrl);
      ctx.output('pullRequestNumber', pr.number);
      ctx.output('targetBranchName', pr.targetBranchName);
    },
  });
}
