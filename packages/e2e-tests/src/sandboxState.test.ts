import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { snapshotChanges, snapshotSandbox } from './sandboxState';

let dir: string;

const git = (...args: string[]) =>
  execFileSync('git', ['--git-dir', path.join(dir, 'apps-repo.git'), ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();

function writeSecrets(password: string, deletedDate?: number) {
  fs.writeFileSync(
    path.join(dir, 'kubernetes.json'),
    JSON.stringify({
      objects: {
        'v1|secrets|demo-dev|demo-dev-orders-read': {
          metadata: { namespace: 'demo-dev', name: 'demo-dev-orders-read' },
          data: { password: Buffer.from(password).toString('base64') },
        },
      },
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'secrets-manager.json'),
    JSON.stringify([
      {
        name: 'customer/demo-dev/demo-dev-orders-read',
        deletedDate,
        versions: [
          {
            secretString: JSON.stringify({ password }),
            stages: ['AWSCURRENT'],
          },
        ],
      },
    ]),
  );
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-state-'));
  execFileSync('git', [
    'init',
    '--quiet',
    '--bare',
    path.join(dir, 'apps-repo.git'),
  ]);
  const tree = git('mktree');
  git('update-ref', 'refs/heads/main', git('commit-tree', tree, '-m', 'seed'));
  writeSecrets('first-password');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the "nothing changed" snapshot', () => {
  it('is the same when nothing changed, and holds no secret', () => {
    const before = snapshotSandbox(dir);
    expect(snapshotChanges(before, snapshotSandbox(dir))).toEqual([]);
    expect(JSON.stringify(before)).not.toContain('first-password');
    expect(Object.keys(before)).toEqual([
      'apps repo refs/heads/main',
      'Kubernetes secret demo-dev/demo-dev-orders-read',
      'Secrets Manager secret customer/demo-dev/demo-dev-orders-read',
    ]);
  });

  it('names a new branch, a moved ref, a changed secret and a scheduled deletion', () => {
    const before = snapshotSandbox(dir);
    const main = git('rev-parse', 'main');
    git('update-ref', 'refs/heads/postgres/x', main);
    git(
      'update-ref',
      'refs/heads/main',
      git('commit-tree', git('mktree'), '-p', main, '-m', 'more'),
    );
    writeSecrets('second-password', 1_800_000_000);

    expect(snapshotChanges(before, snapshotSandbox(dir))).toEqual([
      'Kubernetes secret demo-dev/demo-dev-orders-read changed',
      'Secrets Manager secret customer/demo-dev/demo-dev-orders-read changed',
      'apps repo refs/heads/main changed',
      'apps repo refs/heads/postgres/x was added',
    ]);
  });
});
