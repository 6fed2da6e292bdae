import { Readable } from 'node:stream';
import {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import type { ReadTreeResponseFactory } from '@backstage/backend-defaults/urlReader';
import { InputError, NotFoundError, NotModifiedError } from '@backstage/errors';
import { minimatch } from 'minimatch';
import { AppsRepo } from '../reconciler/AppsRepo';

/** Where a GitHub URL points inside the repo: a ref and a path (maybe a glob). */
interface RepoLocation {
  ref: string;
  path: string;
}

/** @public */
export interface SandboxAppsRepoUrlReaderOptions {
  repo: AppsRepo;
  /** The GitHub repository the local repo stands in for, e.g. `https://github.com/jppol-idp/apps`. */
  repoUrl: string;
  treeResponseFactory: ReadTreeResponseFactory;
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Serves GitHub URLs of the apps repository (`…/blob/<ref>/<path>` and
 * `…/tree/<ref>/<path>`) from the sandbox's local bare repo, so catalog
 * locations and the templates' `fetch:plain` work unchanged in development.
 * ETags are git object ids. Development only.
 *
 * @public
 */
export class SandboxAppsRepoUrlReader implements UrlReaderService {
  private readonly prefix: string;

  constructor(private readonly options: SandboxAppsRepoUrlReaderOptions) {
    this.prefix = `${options.repoUrl.replace(/\/+$/, '')}/`;
  }

  /** Whether a URL belongs to the repository this reader stands in for. */
  handles(url: URL): boolean {
    return url.toString().startsWith(this.prefix);
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const { ref, path } = this.locate(url);
    const id = await this.objectId(ref, path, url);
    if (options?.etag === id) throw new NotModifiedError();
    const content = await this.blob(id);
    return {
      buffer: async () => content,
      stream: () => Readable.from(content),
      etag: id,
    };
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    const { ref, path } = this.locate(url);
    const tree = path ? `${ref}:${path}` : `${ref}^{tree}`;
    const id = await this.objectId(ref, path, url);
    if (options?.etag === id) throw new NotModifiedError();
    const files = await this.filesUnder(tree);
    const entries = [];
    for (const file of files) {
      if (options?.filter && !options.filter(file.path, { size: file.size }))
        continue;
      entries.push({
        path: file.path,
        data: Readable.from(await this.blob(file.id)),
      });
    }
    const response = await this.options.treeResponseFactory.fromReadableArray(
      entries,
    );
    // The array response has no ETag of its own; the tree's object id is one.
    return {
      files: () => response.files(),
      archive: () => response.archive(),
      dir: dirOptions => response.dir(dirOptions),
      etag: id,
    };
  }

  async search(
    url: string,
    options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    const { ref, path } = this.locate(url);
    if (!GLOB_CHARS.test(path)) {
      try {
        const file = await this.readUrl(url, options);
        return {
          files: [{ url, content: file.buffer }],
          etag: file.etag ?? '',
        };
      } catch (e) {
        if ((e as Error).name === 'NotFoundError')
          return { files: [], etag: '' };
        throw e;
      }
    }
    const commit = await this.objectId(ref, '', url);
    if (options?.etag === commit) throw new NotModifiedError();
    const base = url.slice(0, url.length - path.length);
    const files = (await this.filesUnder(`${commit}^{tree}`)).filter(f =>
      minimatch(f.path, path),
    );
    return {
      files: files.map(f => ({
        url: `${base}${f.path}`,
        content: () => this.blob(f.id),
      })),
      etag: commit,
    };
  }

  toString() {
    return `idp-sandbox{repo=${this.options.repoUrl}}`;
  }

  private locate(url: string): RepoLocation {
    if (!url.startsWith(this.prefix)) {
      throw new InputError(`${url} is not in ${this.options.repoUrl}`);
    }
    const match = url
      .slice(this.prefix.length)
      .split(/[?#]/)[0]
      .match(/^(?:(?:blob|tree)\/([^/]+)\/?(.*))?$/);
    if (!match) {
      throw new InputError(
        `Unsupported URL ${url}: expected …/blob/<branch>/<path> or …/tree/<branch>/<path>`,
      );
    }
    const ref = match[1] ?? 'main';
    if (ref.startsWith('-')) throw new InputError(`Invalid branch in ${url}`);
    return {
      ref,
      path: decodeURIComponent(match[2] ?? '').replace(/\/+$/, ''),
    };
  }

  /** The object id at `ref:path` (the commit itself for an empty path). */
  private async objectId(ref: string, path: string, url: string) {
    try {
      const spec = path ? `${ref}:${path}` : ref;
      return (
        await this.options.repo.git(['rev-parse', '--verify', '--quiet', spec])
      ).trim();
    } catch {
      throw new NotFoundError(`${url} does not exist in the sandbox apps repo`);
    }
  }

  private async filesUnder(tree: string) {
    const out = await this.options.repo.git([
      'ls-tree',
      '-r',
      '-l',
      '-z',
      tree,
    ]);
    return out
      .split('\0')
      .filter(Boolean)
      .map(line => {
        // "<mode> blob <id> <size>\t<path>"
        const [meta, path] = line.split('\t');
        const [, type, id, size] = meta.trim().split(/\s+/);
        return { type, id, size: Number(size), path };
      })
      .filter(f => f.type === 'blob');
  }

  private async blob(id: string): Promise<Buffer> {
    return this.options.repo.gitBuffer(['cat-file', 'blob', id]);
  }
}
