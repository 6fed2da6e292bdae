import http from 'node:http';
import { responses } from '../responseRecorder';
import type { BackstageApi } from '../scaffolderApi';
import { ActionCase, ApiCase, FormCase, HostileCase } from './cases';

/** What a case got back. */
export interface Answer {
  status: number;
  /** The error message(s), or the refusal's problems for the checks. */
  message: string;
  /** True when the answer is a success that carries a result (files, a task). */
  accepted: boolean;
  body: string;
}

/** The message of an answer: a Backstage error, the scaffolder's schema errors, or a check's problems. */
export function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body);
    if (typeof parsed?.error?.message === 'string') return parsed.error.message;
    if (Array.isArray(parsed?.errors)) {
      return parsed.errors
        .map((e: { stack?: string; message?: string }) => e.stack ?? e.message)
        .join('; ');
    }
    if (parsed?.allowed === false && Array.isArray(parsed.problems)) {
      return parsed.problems
        .map(
          (p: { code: string; message: string }) => `${p.code}: ${p.message}`,
        )
        .join('; ');
    }
  } catch {
    // Not JSON: the body is the message.
  }
  return body;
}

/**
 * A request with the path exactly as given: `fetch` would resolve `..` and
 * `%2e%2e` before sending, which is not what an attacker's client does.
 */
function rawRequest(
  api: BackstageApi,
  method: string,
  path: string,
  body?: { text: string; contentType: string },
): Promise<{ status: number; body: string }> {
  const url = new URL(api.backendUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${api.token}`,
          ...(body ? { 'content-type': body.contentType } : {}),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const data = Buffer.concat(chunks);
          responses.record(
            {
              via: 'api',
              method,
              url: `${api.backendUrl}${path}`,
              status: res.statusCode ?? 0,
            },
            data,
          );
          resolve({ status: res.statusCode ?? 0, body: data.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body.text);
    req.end();
  });
}

/**
 * An inline template of one step calling the action with the case's input.
 * The input goes through parameters, so the scaffolder's templating does
 * not touch the hostile strings; files reach the workspace with fetch:plain
 * from the dry run's own content folder.
 */
function dryRunTemplate(c: ActionCase) {
  const input = Object.fromEntries(
    Object.keys(c.input).map(key => [
      key,
      `\${{ parameters[${JSON.stringify(key)}] }}`,
    ]),
  );
  const steps = [
    ...(c.files
      ? [{ id: 'workspace', action: 'fetch:plain', input: { url: './' } }]
      : []),
    { id: 'hostile', action: `idp:postgres:${c.action}`, input },
  ];
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'hostile-input' },
    spec: { type: 'hostile-input', steps },
  };
}

async function runAction(api: BackstageApi, c: ActionCase): Promise<Answer> {
  const res = await api.fetch('scaffolder/v2/dry-run', {
    method: 'POST',
    body: {
      template: dryRunTemplate(c),
      values: c.input,
      secrets: {},
      directoryContents: Object.entries(c.files ?? {}).map(([path, text]) => ({
        path,
        base64Content: Buffer.from(text, 'utf8').toString('base64'),
      })),
    },
  });
  const body = await res.text();
  return {
    status: res.status,
    message: messageOf(body),
    // A dry run that returns files ran the action to its end.
    accepted: res.ok || body.includes('"directoryContents"'),
    body,
  };
}

async function runForm(api: BackstageApi, c: FormCase): Promise<Answer> {
  const res = await api.fetch('scaffolder/v2/tasks', {
    method: 'POST',
    body: { templateRef: `template:default/${c.template}`, values: c.values },
  });
  const body = await res.text();
  return {
    status: res.status,
    message: messageOf(body),
    accepted: res.ok,
    body,
  };
}

async function runApi(api: BackstageApi, c: ApiCase): Promise<Answer> {
  const body =
    c.rawBody ??
    (c.body !== undefined
      ? { text: JSON.stringify(c.body), contentType: 'application/json' }
      : undefined);
  const res = await rawRequest(
    api,
    c.method,
    `/api/idp-postgres${c.path}`,
    body,
  );
  let refusedCheck = false;
  try {
    refusedCheck = JSON.parse(res.body)?.allowed === false;
  } catch {
    // An error page is not a check.
  }
  return {
    status: res.status,
    message: messageOf(res.body),
    accepted: res.status < 300 && !refusedCheck,
    body: res.body,
  };
}

/** Sends a case to its surface. */
export function runCase(api: BackstageApi, c: HostileCase): Promise<Answer> {
  switch (c.surface) {
    case 'action':
      return runAction(api, c);
    case 'form':
      return runForm(api, c);
    default:
      return runApi(api, c);
  }
}
