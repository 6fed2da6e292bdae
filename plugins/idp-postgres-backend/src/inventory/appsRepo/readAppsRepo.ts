import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  APPS_REPO_FILE,
  AppsRepoFile,
  AppsRepoSnapshot,
  parseAppsRepo,
} from './parseAppsRepo';

/** Larger files are no chart values; reading them would only cost memory. */
const MAX_FILE_BYTES = 512 * 1024;

/**
 * Reads the apps repo's folder files in one `readTree` through Backstage's
 * UrlReader, so the same code reads GitHub in production and the sandbox's
 * local repo in development. The tree's ETag is the commit read.
 */
export async function readAppsRepo(
  reader: UrlReaderService,
  appsRepoUrl: string,
): Promise<AppsRepoSnapshot> {
  const tree = await reader.readTree(appsRepoUrl, {
    filter: path => APPS_REPO_FILE.test(path),
  });
  const files: AppsRepoFile[] = [];
  const tooLarge: string[] = [];
  for (const file of await tree.files()) {
    const content = await file.content();
    if (content.length > MAX_FILE_BYTES) {
      tooLarge.push(file.path);
      continue;
    }
    files.push({ path: file.path, content: content.toString('utf8') });
  }
  const snapshot = parseAppsRepo(files, {
    commit: tree.etag || undefined,
    fileUrl: path => fileUrl(appsRepoUrl, path),
  });
  for (const path of tooLarge) {
    snapshot.problems.push({
      source: path,
      reason: `larger than ${MAX_FILE_BYTES / 1024} KiB; not read`,
    });
  }
  return snapshot;
}

/** A file's URL for people: GitHub's `…/tree/<ref>` root becomes `…/blob/<ref>/<path>`. */
export function fileUrl(appsRepoUrl: string, path: string): string {
  const root = appsRepoUrl.replace(/\/+$/, '').replace('/tree/', '/blob/');
  return `${root}/${path}`;
}
