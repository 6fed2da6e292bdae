import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { AppsRepo } from '../reconciler/AppsRepo';
import { sandboxPaths } from '../state/sandboxPaths';
import { sandboxUrlReaderFactory } from './sandboxUrlReaderFactory';

const REPO = 'https://github.com/jppol-idp/apps';

describe('sandboxUrlReaderFactory', () => {
  let stateDir: string;
  let repo: AppsRepo;
  let reader: ReturnType<typeof UrlReaders.create>;

  beforeAll(async () => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-reader-'));
    repo = new AppsRepo(sandboxPaths(stateDir).appsRepo);
    await repo.init();
    await repo.commit(
      {
        'demo-dev/orders/values.yaml': 'postgresqlDatabases: []\n',
        'demo-dev/orders/catalog-info.yaml': 'kind: Resource\n',
        'demo-prod/billing/catalog-info.yaml': 'kind: Resource # billing\n',
      },
      'demo',
    );
    reader = UrlReaders.create({
      config: mockServices.rootConfig({
        data: { idpPostgres: { sandbox: { stateDir } } },
      }),
      logger: mockServices.logger.mock(),
      factories: [sandboxUrlReaderFactory],
    });
  }, 30_000);

  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  it('reads a file at a branch, with its blob id as ETag', async () => {
    const url = `${REPO}/blob/main/demo-dev/orders/catalog-info.yaml`;
    const response = await reader.readUrl(url);
    expect((await response.buffer()).toString()).toBe('kind: Resource\n');
    await expect(reader.readUrl(url, { etag: response.etag })).rejects.toThrow(
      expect.objectContaining({ name: 'NotModifiedError' }),
    );
    await expect(
      reader.readUrl(`${REPO}/blob/main/demo-dev/missing.yaml`),
    ).rejects.toThrow(expect.objectContaining({ name: 'NotFoundError' }));
  });

  it('reads a folder as a tree, as fetch:plain does', async () => {
    const response = await reader.readTree(`${REPO}/tree/main/demo-dev`);
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-tree-'));
    try {
      await response.dir({ targetDir: target });
      expect(
        fs.readFileSync(path.join(target, 'orders/values.yaml'), 'utf8'),
      ).toBe('postgresqlDatabases: []\n');
      expect(fs.readdirSync(target)).toEqual(['orders']);
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  });

  it('searches with a glob, as a catalog location does', async () => {
    const response = await reader.search(
      `${REPO}/blob/main/**/catalog-info.yaml`,
    );
    expect(response.files.map(f => f.url).sort()).toEqual([
      `${REPO}/blob/main/demo-dev/orders/catalog-info.yaml`,
      `${REPO}/blob/main/demo-prod/billing/catalog-info.yaml`,
    ]);
    expect((await response.files[1].content()).toString()).toContain('kind');
    await expect(
      reader.search(`${REPO}/blob/main/**/catalog-info.yaml`, {
        etag: response.etag,
      }),
    ).rejects.toThrow(expect.objectContaining({ name: 'NotModifiedError' }));
  });

  it('leaves other repositories to the other readers', async () => {
    const predicate = sandboxUrlReaderFactory({
      config: mockServices.rootConfig({ data: {} }),
      logger: mockServices.logger.mock(),
      treeResponseFactory: {} as any,
    })[0].predicate;
    expect(predicate(new URL(`${REPO}/blob/main/x.yaml`))).toBe(true);
    expect(
      predicate(new URL('https://github.com/jppol-idp/apps-other/blob/main/x')),
    ).toBe(false);
    expect(
      predicate(new URL('https://github.com/other/apps/blob/main/x')),
    ).toBe(false);
  });
});
