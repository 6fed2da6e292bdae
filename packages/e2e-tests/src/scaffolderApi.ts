/**
 * The scaffolder's REST API as a user drives it: sign in as the guest, run a
 * template by its entity ref, follow the task to its end and read its log
 * and output; or run a dry run as the template editor does.
 */

import { responses } from './responseRecorder';

/** `fetch`, with the response body kept for the leak check. */
async function recordedFetch(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  const copy = res.clone();
  responses.recordLater(
    { via: 'api', method: init?.method ?? 'GET', url, status: res.status },
    async () => Buffer.from(await copy.arrayBuffer()),
  );
  return res;
}

/** A finished scaffolder task, as the API reports it. */
export interface FinishedTask {
  id: string;
  status: 'completed' | 'failed' | 'cancelled';
  /** Every log line of the task, in order. */
  log: string[];
  /** The template's `output` (links, text), when the task completed. */
  output: Record<string, unknown>;
  /** The error message, when the task failed. */
  error?: string;
}

interface TaskEvent {
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  body: {
    message?: string;
    status?: string;
    output?: Record<string, unknown>;
    error?: { message?: string };
  };
}

/** A signed-in API session against the dev backend. */
export class BackstageApi {
  private constructor(
    readonly backendUrl: string,
    /** The guest's Backstage token, for requests this client cannot make (raw paths). */
    readonly token: string,
    /** The user's own ref and their groups', as the sign-in resolved them. */
    readonly ownershipEntityRefs: string[],
  ) {}

  /** Signs in as the guest user, as the app's "Enter" button does. */
  static async signIn(backendUrl: string): Promise<BackstageApi> {
    const res = await recordedFetch(
      `${backendUrl}/api/auth/guest/refresh?optional&env=development`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );
    if (!res.ok) {
      throw new Error(
        `Guest sign-in failed: ${res.status} ${await res.text()}`,
      );
    }
    const body = (await res.json()) as {
      backstageIdentity: {
        token: string;
        identity: { ownershipEntityRefs: string[] };
      };
    };
    return new BackstageApi(
      backendUrl,
      body.backstageIdentity.token,
      body.backstageIdentity.identity.ownershipEntityRefs,
    );
  }

  /** A JSON request to `/api/<path>`; throws with the body on an error status. */
  async request<T>(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const res = await this.fetch(path, init);
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A request to `/api/<path>` whose status the caller checks. */
  fetch(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<Response> {
    return recordedFetch(`${this.backendUrl}/api/${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(init.body !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  }

  /** Runs a template (`template:default/<name>`) and waits until its task ends. */
  async runTemplate(
    name: string,
    values: Record<string, unknown>,
    timeoutMs = 300_000,
  ): Promise<FinishedTask> {
    const { id } = await this.request<{ id: string }>('scaffolder/v2/tasks', {
      method: 'POST',
      body: { templateRef: `template:default/${name}`, values },
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = await this.request<{ status: string }>(
        `scaffolder/v2/tasks/${id}`,
      );
      if (['completed', 'failed', 'cancelled'].includes(task.status)) {
        return this.finished(id, task.status as FinishedTask['status']);
      }
      if (Date.now() > deadline) {
        throw new Error(`Task ${id} of ${name} still ${task.status}`);
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  /** A dry run of a template from the catalog, as the template editor runs it. */
  async dryRun(
    name: string,
    values: Record<string, unknown>,
  ): Promise<{
    log: string[];
    files: Map<string, string>;
    output: Record<string, unknown>;
  }> {
    const template = await this.request<Record<string, unknown>>(
      `catalog/entities/by-name/template/default/${name}`,
    );
    const result = await this.request<{
      log: Array<{ body: { message?: string } }>;
      directoryContents: Array<{ path: string; base64Content: string }>;
      output: Record<string, unknown>;
    }>('scaffolder/v2/dry-run', {
      method: 'POST',
      body: { template, values, secrets: {}, directoryContents: [] },
    });
    return {
      log: result.log.map(e => e.body.message ?? ''),
      files: new Map(
        result.directoryContents.map(f => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ]),
      ),
      output: result.output,
    };
  }

  private async finished(
    id: string,
    status: FinishedTask['status'],
  ): Promise<FinishedTask> {
    const events = await this.request<TaskEvent[]>(
      `scaffolder/v2/tasks/${id}/events`,
    );
    const completion = events.find(e => e.type === 'completion');
    return {
      id,
      status,
      log: events.filter(e => e.type === 'log').map(e => e.body.message ?? ''),
      output: completion?.body.output ?? {},
      error: completion?.body.error?.message,
    };
  }
}
