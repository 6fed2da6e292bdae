import fs from 'node:fs';
import path from 'node:path';
import type { LeakSource } from './leakCheck';
import type { ResponseRecorder } from './responseRecorder';

/**
 * Gathers what the leak check searches: the responses the run recorded, the
 * dev Backstage's log, every scaffolder task's record and log, and every
 * asset the frontend dev server holds.
 */

/** Each recorded body once, named by the first response that carried it. */
export function recordedResponseSources(
  recorder: ResponseRecorder,
): LeakSource[] {
  const dir = recorder.dir;
  if (!dir) return [];
  const byFile = new Map<string, { name: string; via: string; more: number }>();
  for (const entry of recorder.entries()) {
    const seen = byFile.get(entry.file);
    if (seen) {
      seen.more += 1;
    } else {
      byFile.set(entry.file, {
        name: `${entry.method} ${entry.url} (${entry.status}, ${entry.file})`,
        via: entry.via,
        more: 0,
      });
    }
  }
  return [...byFile].map(([file, first]) => ({
    kind: first.via === 'browser' ? 'browser response' : 'api response',
    name: first.more > 0 ? `${first.name} and ${first.more} more` : first.name,
    content: fs.readFileSync(path.join(dir, file)),
  }));
}

/** A log file, e.g. the dev Backstage's backend and frontend output. */
export function logSource(file: string): LeakSource {
  return {
    kind: 'backstage log',
    name: file,
    content: fs.readFileSync(file),
  };
}

async function getBytes(url: string, token?: string): Promise<Buffer> {
  const res = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${body}`);
  return body;
}

/**
 * Every scaffolder task the backend holds (any user's): the task itself
 * (its parameters and status) and its events (the log and the outcome).
 */
export async function scaffolderTaskSources(
  backendUrl: string,
  token: string,
): Promise<LeakSource[]> {
  const api = `${backendUrl}/api/scaffolder/v2/tasks`;
  const { tasks } = JSON.parse(
    (await getBytes(api, token)).toString('utf8'),
  ) as {
    tasks: Array<{ id: string }>;
  };
  const sources: LeakSource[] = [];
  for (const { id } of tasks) {
    for (const [part, url] of [
      ['task', `${api}/${id}`],
      ['events', `${api}/${id}/events`],
    ]) {
      sources.push({
        kind: 'scaffolder task',
        name: `${id} (${part})`,
        content: await getBytes(url, token),
      });
    }
  }
  return sources;
}

/** Assets whose text a browser can read: code, pages, styles, data. Source maps and images are left out. */
const TEXT_ASSET = /\.(m?js|html|css|json|txt)$/;

/**
 * Every text asset the frontend dev server holds, loaded by a page or not,
 * and the app's HTML page (where the frontend config is injected). The dev
 * server (webpack-dev-server's and rspack's) lists its compilation's assets
 * at `/webpack-dev-server`.
 */
export async function frontendBundleSources(
  appUrl: string,
): Promise<LeakSource[]> {
  const report = (await getBytes(`${appUrl}/webpack-dev-server`)).toString(
    'utf8',
  );
  const assets = [...report.matchAll(/href="([^"]+)"/g)]
    .map(m => m[1])
    .filter(asset => TEXT_ASSET.test(asset));
  if (!assets.some(asset => /\.m?js$/.test(asset))) {
    throw new Error(
      `The dev server at ${appUrl} listed no JavaScript assets; cannot check the bundle.`,
    );
  }
  const urls = ['/', ...assets].map(asset => new URL(asset, appUrl).toString());
  const sources: LeakSource[] = [];
  // A few at a time: the dev server serves tens of megabytes of chunks.
  for (let i = 0; i < urls.length; i += 6) {
    const batch = urls.slice(i, i + 6);
    const bodies = await Promise.all(batch.map(url => getBytes(url)));
    batch.forEach((url, j) =>
      sources.push({
        kind: 'frontend bundle',
        name: url,
        content: bodies[j],
      }),
    );
  }
  return sources;
}
