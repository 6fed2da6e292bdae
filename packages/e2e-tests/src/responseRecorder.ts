import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** One recorded response, as a line of `index.jsonl`. */
export interface RecordedResponse {
  /** Who received it: the tests' HTTP client or the browser. */
  via: 'api' | 'browser';
  method: string;
  url: string;
  status: number;
  /** The body's file in the recording folder (named by its SHA-256). */
  file: string;
  bytes: number;
}

/**
 * Keeps every response body the run receives, so that the leak check can
 * read what a user or a script was actually shown. Bodies are stored once
 * per content (the browser fetches the same bundle on every page load); an
 * index line per response says where each came from.
 */
export class ResponseRecorder {
  #dir?: string;
  readonly #pending = new Set<Promise<void>>();
  /** Responses whose body could not be read (redirects, pages navigated away). */
  unreadable = 0;

  /** Starts recording into `dir` (emptied first). Until then, recording does nothing. */
  start(dir: string) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    this.#dir = dir;
  }

  get dir(): string | undefined {
    return this.#dir;
  }

  /** Records one body. */
  record(
    response: Omit<RecordedResponse, 'file' | 'bytes'>,
    body: Buffer | string,
  ) {
    const dir = this.#dir;
    if (!dir) return;
    const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const file = `${createHash('sha256').update(data).digest('hex')}.body`;
    const target = path.join(dir, file);
    if (!fs.existsSync(target)) fs.writeFileSync(target, data);
    const line: RecordedResponse = { ...response, file, bytes: data.length };
    fs.appendFileSync(
      path.join(dir, 'index.jsonl'),
      `${JSON.stringify(line)}\n`,
    );
  }

  /** Records a body that arrives later (a browser response); `flush` waits for it. */
  recordLater(
    response: Omit<RecordedResponse, 'file' | 'bytes'>,
    body: () => Promise<Buffer | string>,
  ) {
    if (!this.#dir) return;
    const done = body()
      .then(
        data => this.record(response, data),
        () => {
          this.unreadable += 1;
        },
      )
      .finally(() => this.#pending.delete(done));
    this.#pending.add(done);
  }

  /** Waits until every body announced so far is on disk. */
  async flush() {
    await Promise.all([...this.#pending]);
  }

  /** The index, in the order the responses were recorded. */
  entries(): RecordedResponse[] {
    const dir = this.#dir;
    if (!dir || !fs.existsSync(path.join(dir, 'index.jsonl'))) return [];
    return fs
      .readFileSync(path.join(dir, 'index.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line) as RecordedResponse);
  }
}

/** The run's recorder: the HTTP client and the browser both write to it. */
export const responses = new ResponseRecorder();
