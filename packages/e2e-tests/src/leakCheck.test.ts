import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  describeLeaks,
  findLeaks,
  LeakSource,
  passwordForms,
} from './leakCheck';
import {
  frontendBundleSources,
  logSource,
  recordedResponseSources,
  scaffolderTaskSources,
} from './leakSources';
import { ResponseRecorder } from './responseRecorder';
import { readSandboxPasswords } from './sandboxState';

// Shaped like the sandbox's: 24 random bytes, base64url.
const K8S_PASSWORD = 'kP3_x9Qm-Zt7Lw2Vb8Nc4Rd6Fh1Jg5Ys';
const SM_PASSWORD = 'Sm0-aB1_cD2eF3gH4iJ5kL6mN7oP8qR9';
const SUPERUSER_PASSWORD = 'su:per\\secret-Xy7Qw3Er9Ty5Ui1Op';

let dir: string;
let server: http.Server;
let baseUrl: string;
/** What the fake scaffolder and dev server answer; each test sets it. */
let pages: Record<string, string>;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const page = pages[req.url ?? ''];
    res.writeHead(page === undefined ? 404 : 200);
    res.end(page ?? 'not found');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-check-'));
  pages = {};
  // A sandbox state folder as the emulators write it.
  fs.writeFileSync(
    path.join(dir, 'kubernetes.json'),
    JSON.stringify({
      resourceVersion: 3,
      objects: {
        'v1|secrets|demo-dev|demo-dev-orders-read': {
          metadata: { namespace: 'demo-dev', name: 'demo-dev-orders-read' },
          data: {
            username: Buffer.from('demo-dev-orders-read').toString('base64'),
            password: Buffer.from(K8S_PASSWORD).toString('base64'),
          },
        },
      },
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'secrets-manager.json'),
    JSON.stringify([
      {
        name: 'customer/demo-dev/demo-dev-orders-read',
        versions: [
          {
            versionId: 'v1',
            secretString: JSON.stringify({ password: SM_PASSWORD }),
            stages: ['AWSCURRENT'],
            createdDate: 1,
          },
        ],
      },
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'pgpass'),
    `127.0.0.1:*:*:postgres:${SUPERUSER_PASSWORD.replace(
      /[:\\]/g,
      m => `\\${m}`,
    )}\n`,
  );
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function taskPages(log: string) {
  return {
    '/api/scaffolder/v2/tasks': JSON.stringify({ tasks: [{ id: 't1' }] }),
    '/api/scaffolder/v2/tasks/t1': JSON.stringify({ id: 't1', spec: {} }),
    '/api/scaffolder/v2/tasks/t1/events': JSON.stringify([
      { type: 'log', body: { message: log } },
    ]),
  };
}

function bundlePages(chunk: string) {
  return {
    '/': '<html><script src="/main.js"></script></html>',
    '/webpack-dev-server':
      '<ul><li><a href="/main.js">main.js</a></li><li><a href="/never-loaded.chunk.js">x</a></li><li><a href="/main.js.map">map</a></li></ul>',
    '/main.js': 'console.log("app")',
    '/never-loaded.chunk.js': chunk,
  };
}

async function allSources(recorder: ResponseRecorder, logFile: string) {
  await recorder.flush();
  return [
    ...recordedResponseSources(recorder),
    logSource(logFile),
    ...(await scaffolderTaskSources(baseUrl, 'token')),
    ...(await frontendBundleSources(baseUrl)),
  ];
}

describe('readSandboxPasswords', () => {
  it('reads each role password from both stores and the superuser password, with labels', () => {
    const passwords = readSandboxPasswords(dir);
    expect(passwords).toEqual([
      {
        label: 'Kubernetes secret demo-dev/demo-dev-orders-read',
        value: K8S_PASSWORD,
      },
      {
        label:
          'Secrets Manager secret customer/demo-dev/demo-dev-orders-read (AWSCURRENT)',
        value: SM_PASSWORD,
      },
      {
        label: 'PostgreSQL superuser postgres (pgpass)',
        value: SUPERUSER_PASSWORD,
      },
    ]);
  });
});

describe('the leak check', () => {
  it('finds a planted password in each kind of source, plain or encoded, and never prints it', async () => {
    const passwords = readSandboxPasswords(dir);
    const recorder = new ResponseRecorder();
    recorder.start(path.join(dir, 'responses'));
    // Base64 inside a longer base64 string, one byte off its alignment.
    const encoded = Buffer.from(`x${K8S_PASSWORD}yz`).toString('base64');
    recorder.record(
      { via: 'api', method: 'GET', url: 'http://backend/api/x', status: 200 },
      JSON.stringify({ data: encoded }),
    );
    recorder.recordLater(
      { via: 'browser', method: 'GET', url: 'http://app/page', status: 200 },
      async () => Buffer.from(`<td>${SM_PASSWORD}</td>`),
    );
    const logFile = path.join(dir, 'backstage.log');
    fs.writeFileSync(logFile, `line one\npassword=${SM_PASSWORD}\n`);
    pages = {
      ...taskPages(
        `connecting to postgres://postgres:${encodeURIComponent(
          SUPERUSER_PASSWORD,
        )}@localhost`,
      ),
      ...bundlePages(
        `const config = ${JSON.stringify({ p: SUPERUSER_PASSWORD })};`,
      ),
    };

    const findings = findLeaks(passwords, await allSources(recorder, logFile));

    expect(findings.map(f => [f.kind, f.password, f.encoding]).sort()).toEqual(
      [
        [
          'api response',
          'Kubernetes secret demo-dev/demo-dev-orders-read',
          'base64 (offset 1)',
        ],
        [
          'browser response',
          'Secrets Manager secret customer/demo-dev/demo-dev-orders-read (AWSCURRENT)',
          'plain',
        ],
        [
          'backstage log',
          'Secrets Manager secret customer/demo-dev/demo-dev-orders-read (AWSCURRENT)',
          'plain',
        ],
        [
          'scaffolder task',
          'PostgreSQL superuser postgres (pgpass)',
          'URL-encoded',
        ],
        [
          'frontend bundle',
          'PostgreSQL superuser postgres (pgpass)',
          'JSON-escaped',
        ],
      ].sort(),
    );
    const inLog = findings.find(f => f.kind === 'backstage log');
    expect(inLog).toMatchObject({ source: logFile, offset: 18 });
    expect(findings.find(f => f.kind === 'frontend bundle')?.source).toBe(
      `${baseUrl}/never-loaded.chunk.js`,
    );

    const report = describeLeaks(findings);
    for (const password of [K8S_PASSWORD, SM_PASSWORD, SUPERUSER_PASSWORD]) {
      for (const form of passwordForms(password).values()) {
        expect(report).not.toContain(form);
      }
    }
    expect(report).toContain('frontend bundle');
  });

  it('finds nothing where no password is', async () => {
    const recorder = new ResponseRecorder();
    recorder.start(path.join(dir, 'responses'));
    recorder.record(
      { via: 'api', method: 'GET', url: 'http://backend/api/x', status: 200 },
      '{"username":"demo-dev-orders-read"}',
    );
    const logFile = path.join(dir, 'backstage.log');
    fs.writeFileSync(logFile, 'nothing to see\n');
    pages = { ...taskPages('all good'), ...bundlePages('const x = 1;') };

    const sources: LeakSource[] = await allSources(recorder, logFile);

    expect(sources.map(s => s.kind)).toEqual([
      'api response',
      'backstage log',
      'scaffolder task',
      'scaffolder task',
      'frontend bundle',
      'frontend bundle',
      'frontend bundle',
    ]);
    expect(findLeaks(readSandboxPasswords(dir), sources)).toEqual([]);
  });

  it('refuses to pass when the dev server lists no JavaScript', async () => {
    pages = { '/webpack-dev-server': '<ul></ul>' };
    await expect(frontendBundleSources(baseUrl)).rejects.toThrow(
      /no JavaScript assets/,
    );
  });
});
