import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsRepo } from './AppsRepo';

describe('AppsRepo.init', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'apps-repo-test-'));
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('creates one initial commit when several parts start at once', async () => {
    const dir = path.join(root, 'state', 'apps-repo.git');
    const starts = Array.from({ length: 4 }, () => new AppsRepo(dir).init());
    await Promise.all(starts);

    const repo = new AppsRepo(dir);
    const log = await repo.git(['log', '--format=%s', 'main']);
    expect(log.trim().split('\n')).toEqual(['Initial commit']);
    // Nothing half-made is left beside it, and it takes commits.
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['apps-repo.git']);
    await repo.commit({ 'a/values.yaml': 'x: 1\n' }, 'add a');
    expect(await repo.listFiles(await repo.head())).toEqual([
      'README.md',
      'a/values.yaml',
    ]);
  });

  it('leaves an existing repo as it is', async () => {
    const dir = path.join(root, 'apps-repo.git');
    const repo = new AppsRepo(dir);
    await repo.init();
    const head = await repo.commit({ 'b.txt': 'b' }, 'b');
    await new AppsRepo(dir).init();
    expect(await repo.head()).toBe(head);
  });
});
