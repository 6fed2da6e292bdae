import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { AppsRepo } from '../reconciler/AppsRepo';
import { createLocalPublishPullRequestAction } from './publishPullRequestAction';

describe('local publish:github:pull-request', () => {
  let dir: string;
  let repo: AppsRepo;
  let workspace: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-pub-'));
    repo = new AppsRepo(path.join(dir, 'apps.git'));
    await repo.init();
    workspace = path.join(dir, 'workspace');
    fs.mkdirSync(path.join(workspace, 'team-a', 'orders'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, 'team-a', 'orders', 'values.yaml'),
      'postgresqlDatabases: []\n',
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const baseInput = {
    repoUrl: 'github.com?owner=org&repo=apps',
    branchName: 'add-orders',
    title: 'Add orders database',
    description: 'Created by the template',
  };

  it('commits the workspace to a branch and merges it into main', async () => {
    const action = createLocalPublishPullRequestAction({ repo });
    const ctx = createMockActionContext({
      input: baseInput,
      workspacePath: workspace,
    });
    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
    expect(ctx.output).toHaveBeenCalledWith('targetBranchName', 'main');
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      `file://${repo.dir}#pull/1`,
    );
    const head = await repo.head();
    expect(await repo.readFile(head, 'team-a/orders/values.yaml')).toBe(
      'postgresqlDatabases: []\n',
    );
    expect(await repo.readFile(head, 'README.md')).toContain('Apps repository');
    expect(await repo.git(['log', '-1', '--format=%s', 'main'])).toBe(
      'Merge pull request #1 from add-orders\n',
    );
  });

  it('leaves the pull request open without auto-merge, and refuses a reused branch', async () => {
    const action = createLocalPublishPullRequestAction({
      repo,
      autoMerge: false,
    });
    const before = await repo.head();
    await action.handler(
      createMockActionContext({ input: baseInput, workspacePath: workspace }),
    );
    expect(await repo.head()).toBe(before);
    expect(
      await repo.readFile('refs/pull/1/head', 'team-a/orders/values.yaml'),
    ).toBeDefined();

    await expect(
      action.handler(
        createMockActionContext({ input: baseInput, workspacePath: workspace }),
      ),
    ).rejects.toThrow('Branch add-orders already exists in the apps repo');
  });

  it('applies sourcePath, targetPath and filesToDelete (relative to targetPath, as on GitHub)', async () => {
    await repo.commit(
      { 'copied/old/file.txt': 'x', 'old/file.txt': 'kept' },
      'old files',
    );
    const action = createLocalPublishPullRequestAction({ repo });
    await action.handler(
      createMockActionContext({
        input: {
          ...baseInput,
          sourcePath: 'team-a',
          targetPath: 'copied',
          filesToDelete: ['old/file.txt'],
        },
        workspacePath: workspace,
      }),
    );
    const head = await repo.head();
    const files = await repo.listFiles(head);
    expect(files).toContain('copied/orders/values.yaml');
    expect(files).not.toContain('copied/old/file.txt');
    expect(files).toContain('old/file.txt');
  });

  it('refuses a sourcePath outside the workspace and changes nothing', async () => {
    const before = await repo.head();
    const action = createLocalPublishPullRequestAction({ repo });
    await expect(
      action.handler(
        createMockActionContext({
          input: { ...baseInput, sourcePath: '../..' },
          workspacePath: workspace,
        }),
      ),
    ).rejects.toThrow(/outside/);
    expect(await repo.head()).toBe(before);
  });

  /** Every branch and pull request ref of the apps repo. */
  const refs = async () =>
    (await repo.git(['for-each-ref', '--format=%(refname)']))
      .split('\n')
      .filter(Boolean)
      .sort();

  it('leaves no branch, pull request or merge behind when the merge cannot be pushed, so a retry succeeds', async () => {
    // A protected main, as GitHub's branch protection would refuse the merge:
    // git runs this hook once per ref a push updates.
    const hook = path.join(repo.dir, 'hooks', 'update');
    fs.writeFileSync(
      hook,
      '#!/bin/sh\nif [ "$1" = refs/heads/main ]; then echo "main is protected" >&2; exit 1; fi\n',
      { mode: 0o755 },
    );
    const action = createLocalPublishPullRequestAction({ repo });
    const before = { head: await repo.head(), refs: await refs() };

    await expect(
      action.handler(
        createMockActionContext({ input: baseInput, workspacePath: workspace }),
      ),
    ).rejects.toThrow(/main is protected/);
    expect({ head: await repo.head(), refs: await refs() }).toEqual(before);

    fs.rmSync(hook);
    const ctx = createMockActionContext({
      input: baseInput,
      workspacePath: workspace,
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
    expect(await refs()).toEqual([
      'refs/heads/add-orders',
      'refs/heads/main',
      'refs/pull/1/head',
    ]);
  });

  it('leaves nothing behind when git refuses the commit, and commits as the given author', async () => {
    const action = createLocalPublishPullRequestAction({ repo });
    const before = { head: await repo.head(), refs: await refs() };
    await expect(
      action.handler(
        createMockActionContext({
          input: { ...baseInput, gitAuthorName: '<>' },
          workspacePath: workspace,
        }),
      ),
    ).rejects.toThrow(/empty ident name/);
    expect({ head: await repo.head(), refs: await refs() }).toEqual(before);

    await action.handler(
      createMockActionContext({
        input: {
          ...baseInput,
          gitAuthorName: 'Ada Lovelace',
          gitAuthorEmail: 'ada@example.com',
        },
        workspacePath: workspace,
      }),
    );
    expect(
      await repo.git(['log', '-1', '--format=%an <%ae>', 'add-orders']),
    ).toBe('Ada Lovelace <ada@example.com>\n');
  });

  it('fails on a target branch that does not exist and creates nothing', async () => {
    const action = createLocalPublishPullRequestAction({ repo });
    const before = await refs();
    await expect(
      action.handler(
        createMockActionContext({
          input: { ...baseInput, targetBranchName: 'release' },
          workspacePath: workspace,
        }),
      ),
    ).rejects.toThrow(/origin\/release/);
    expect(await refs()).toEqual(before);
  });
});
