import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  CheckResult,
  DatabaseStatus,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { TcpFaultProxy } from '@jppol-idp/idp-sandbox';
import request from 'supertest';
import { CountingFaults } from '../__testUtils__/CountingFaults';
import { expectMatchesSpec } from '../__testUtils__/openApiResponses';
import { SandboxPlatform } from '../__testUtils__/sandboxPlatform';

/**
 * GET /databases/{ns}/{name} while one dependency fails in each way it can:
 * only that dependency's checks turn unknown, saying so, the others are
 * still checked, and the answer comes within that dependency's timeout.
 *
 * Kubernetes and Secrets Manager are reached through TCP fault proxies (the
 * Kubernetes one speaks TLS to the emulator), so they can be down (refused)
 * or answer 200 with a body of the wrong shape; slowness, throttling and
 * invalid JSON come from the emulators' own fault rules. PostgreSQL sits
 * behind the platform's proxy.
 *
 * Not covered, because the dependency has no such answer: PostgreSQL has no
 * throttling status (a connection limit is a login error PostgreSQL words
 * itself) and no JSON, so "malformed" for it is a reply that is not its
 * protocol at all.
 */

/** Short on purpose: each dependency's timeout, as configured for this test. */
const TIMEOUT_MS = 800;
/**
 * Time beyond the failing dependency's timeout for the rest of the status
 * (the other systems, a login) on a loaded two-core machine; far below the
 * injected delay, so a status that waited for the slow system still fails.
 */
const MARGIN_MS = 1500;
/** Slower than any timeout here. */
const SLOW_MS = 5000;

const platform = new SandboxPlatform();
/** In front of the emulators once they listen; see beforeAll. */
let kubernetesProxy: TcpFaultProxy;
let secretsManagerProxy: TcpFaultProxy;
const ref = { namespace: 'idp-dev', name: 'faulty' };

type Dependency = 'kubernetes' | 'secretsManager' | 'postgres';

/** How each dependency is named in the reasons of its checks. */
const NAMED: Record<Dependency, RegExp> = {
  kubernetes: /Kubernetes/,
  secretsManager: /Secrets Manager/,
  postgres: /PostgreSQL/,
};

interface Fault {
  dependency: Dependency;
  fault: string;
  inject: () => void | Promise<void>;
  /** What the reasons of the dependency's own checks say. */
  reason: RegExp;
}

/** An HTTP answer that is well-formed JSON, but not what the API returns. */
function wrongShape(contentType: string): string {
  const body = '{"status":"ok"}';
  return [
    'HTTP/1.1 200 OK',
    `Content-Type: ${contentType}`,
    `Content-Length: ${body.length}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

const FAULTS: Fault[] = [
  {
    dependency: 'kubernetes',
    fault: 'down (connection refused)',
    inject: () => kubernetesProxy.down(),
    reason: /ECONNREFUSED/,
  },
  {
    dependency: 'kubernetes',
    fault: 'slower than its timeout',
    inject: () => platform.kubernetesFaults.set('*', { delayMs: SLOW_MS }),
    reason: new RegExp(`did not answer within ${TIMEOUT_MS} ms`),
  },
  {
    dependency: 'kubernetes',
    fault: 'throttled (HTTP 429)',
    inject: () => platform.kubernetesFaults.set('*', { status: 429 }),
    reason: /HTTP 429 TooManyRequests/,
  },
  {
    dependency: 'kubernetes',
    fault: 'answering invalid JSON',
    inject: () => platform.kubernetesFaults.set('*', { malformedBody: true }),
    reason: /failed reading .*: an answer that is not valid JSON$/,
  },
  {
    dependency: 'kubernetes',
    fault: 'answering JSON of the wrong shape',
    inject: () =>
      kubernetesProxy.faults.set('data', {
        reply: wrongShape('application/json'),
      }),
    reason: /failed reading .*: unexpected answer: not an object named faulty$/,
  },
  {
    dependency: 'secretsManager',
    fault: 'down (connection refused)',
    inject: () => secretsManagerProxy.down(),
    reason: /failed reading .*: Error ECONNREFUSED/,
  },
  {
    dependency: 'secretsManager',
    fault: 'slower than its timeout',
    inject: () => platform.secretsManagerFaults.set('*', { delayMs: SLOW_MS }),
    reason: new RegExp(`did not answer within ${TIMEOUT_MS} ms`),
  },
  {
    dependency: 'secretsManager',
    fault: 'answering invalid JSON',
    inject: () =>
      platform.secretsManagerFaults.set('*', { malformedBody: true }),
    reason: /failed reading .*: an answer that is not valid JSON$/,
  },
  {
    dependency: 'secretsManager',
    fault: 'answering JSON of the wrong shape',
    inject: () =>
      secretsManagerProxy.faults.set('data', {
        reply: wrongShape('application/x-amz-json-1.1'),
      }),
    reason: /unexpected answer reading .*: no SecretString/,
  },
  {
    dependency: 'postgres',
    fault: 'down (connection refused)',
    inject: () => platform.proxy.down(),
    reason: /ECONNREFUSED/,
  },
  {
    dependency: 'postgres',
    fault: 'slower than its timeout to accept',
    inject: () => platform.proxy.faults.set('connect', { delayMs: SLOW_MS }),
    reason: /timeout|did not answer/,
  },
  {
    dependency: 'postgres',
    fault: 'slower than its timeout to answer',
    inject: () => platform.proxy.faults.set('data', { delayMs: SLOW_MS }),
    reason: /timeout|did not answer/,
  },
  {
    dependency: 'postgres',
    fault: 'answering something that is not its protocol',
    inject: () =>
      platform.proxy.faults.set('connect', {
        reply: 'HTTP/1.1 400 Bad Request\r\n\r\n',
      }),
    reason: /did not answer as PostgreSQL does/,
  },
];

/** The checks of a status, by the dependency they read. */
const GROUPS = [
  'kubernetes',
  'secretsManager',
  'postgres',
  'agreement',
] as const;
type Group = (typeof GROUPS)[number];

function checksOf(status: DatabaseStatus): Record<Group, CheckResult[]> {
  return {
    kubernetes: [status.resource, ...status.roles.map(r => r.kubernetesSecret)],
    secretsManager: status.roles.map(r => r.secretsManagerSecret),
    postgres: [...status.roles.map(r => r.login), status.grants],
    agreement: status.roles.map(r => r.secretAgreement),
  };
}

/**
 * The checks a failing dependency leaves unknown: its own, and those that
 * need what it gives. A login (and the grant query) uses the password of
 * the role's Kubernetes secret, so it is not attempted without Kubernetes;
 * the copies are compared only when both were read.
 */
const UNKNOWN_WITH: Record<Dependency, Group[]> = {
  kubernetes: ['kubernetes', 'postgres', 'agreement'],
  secretsManager: ['secretsManager', 'agreement'],
  postgres: ['postgres'],
};

function portOf(emulator: { url: string }): number {
  return Number(new URL(emulator.url).port);
}

type Server = Parameters<typeof request>[0];

async function timedStatus(server: Server) {
  const started = Date.now();
  const res = await request(server)
    .get(`/api/idp-postgres/databases/${ref.namespace}/${ref.name}`)
    .set('Authorization', mockCredentials.user.header());
  const elapsedMs = Date.now() - started;
  expect(res.status).toBe(200);
  await expectMatchesSpec(res);
  return { status: res.body as DatabaseStatus, elapsedMs };
}

/** A backend of its own: the SDK's rate limiter is per client, so per backend. */
async function startBackend(timeoutMs = TIMEOUT_MS): Promise<Server> {
  return (await platform.startBackend({ config: faultableConfig(timeoutMs) }))
    .server;
}

beforeAll(async () => {
  await platform.start();
  kubernetesProxy = new TcpFaultProxy({
    targetHost: '127.0.0.1',
    targetPort: portOf(platform.kubernetes),
    targetTls: { ca: platform.kubernetes.caCert },
    faults: new CountingFaults(),
  });
  secretsManagerProxy = new TcpFaultProxy({
    targetHost: '127.0.0.1',
    targetPort: portOf(platform.secretsManager),
    faults: new CountingFaults(),
  });
  await Promise.all([kubernetesProxy.start(), secretsManagerProxy.start()]);
  await platform.provision(ref);
  await platform.define(ref);
  // Granted, so every check of the healthy database is ok.
  const granted = await request(await startBackend())
    .post(
      `/api/idp-postgres/databases/${ref.namespace}/${ref.name}/grants/apply`,
    )
    .set('Authorization', mockCredentials.user.header());
  if (granted.status !== 200) {
    throw new Error(`Applying the grants answered ${granted.status}`);
  }
}, 60_000);

afterEach(async () => {
  platform.clearFaults();
  platform.secretsManagerDice.splice(0);
  kubernetesProxy.faults.clear();
  secretsManagerProxy.faults.clear();
  await Promise.all([
    kubernetesProxy.up(),
    secretsManagerProxy.up(),
    platform.proxy.up(),
  ]);
});

afterAll(async () => {
  await Promise.all([
    (kubernetesProxy.faults as CountingFaults).settled(),
    (secretsManagerProxy.faults as CountingFaults).settled(),
  ]);
  await Promise.all([kubernetesProxy.stop(), secretsManagerProxy.stop()]);
  await platform.stop();
});

describe('GET /databases/{namespace}/{name} when one dependency fails', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startBackend();
  });

  it('checks everything through the proxies when nothing fails', async () => {
    const { status } = await timedStatus(server);
    for (const checks of Object.values(checksOf(status))) {
      expect(checks.map(c => c.state)).toEqual(checks.map(() => 'ok'));
    }
  });

  it.each(FAULTS.map(f => [`${f.dependency} ${f.fault}`, f] as const))(
    '%s',
    async (_, { dependency, inject, reason }) => {
      await inject();
      const { status, elapsedMs } = await timedStatus(server);
      expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);

      const checks = checksOf(status);
      for (const group of GROUPS) {
        const expected = UNKNOWN_WITH[dependency].includes(group)
          ? 'unknown'
          : 'ok';
        expect([group, checks[group].map(c => c.state)]).toEqual([
          group,
          checks[group].map(() => expected),
        ]);
      }
      // Every check left unknown says which dependency failed.
      const unknown = Object.values(checks)
        .flat()
        .filter(c => c.state === 'unknown');
      for (const check of unknown) {
        expect(check.reason).toMatch(NAMED[dependency]);
      }
      expect(checks[dependency][0].reason).toMatch(reason);
    },
  );
});

/** The plugin's config with Kubernetes and Secrets Manager behind the fault proxies. */
function faultableConfig(timeoutMs: number): object {
  const config = platform.config({ timeoutMs }) as {
    idpPostgres: { clusters: Array<Record<string, object>> };
  };
  const [cluster] = config.idpPostgres.clusters;
  cluster.kubernetes = {
    auth: 'url',
    url: `http://127.0.0.1:${kubernetesProxy.port}`,
    token: platform.kubernetes.token,
    // client-node refuses a plain http URL without it; the proxy does the TLS.
    skipTLSVerify: true,
  };
  cluster.secretsManager = {
    ...cluster.secretsManager,
    endpoint: `http://127.0.0.1:${secretsManagerProxy.port}`,
  };
  return config;
}

describe('Secrets Manager throttling, met with the SDK adaptive retry', () => {
  const calls = () => platform.secretsManagerFaults.count('GetSecretValue');

  it('answers within the timeout while every call is throttled, and stops retrying once it gave up', async () => {
    const server = await startBackend();
    platform.secretsManagerFaults.set('GetSecretValue', { status: 429 });
    platform.secretsManagerFaults.resetCounts();
    const { status, elapsedMs } = await timedStatus(server);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    const checks = checksOf(status);
    for (const check of checks.secretsManager) {
      expect(check.state).toBe('unknown');
      expect(check.reason).toMatch(
        /^Could not check Secrets Manager secret .*: Secrets Manager of cluster sandbox .*(failed .*: ThrottlingException|did not answer within 800 ms; it was throttling requests \(ThrottlingException\))/,
      );
    }
    for (const check of [...checks.kubernetes, ...checks.postgres]) {
      expect(check.state).toBe('ok');
    }
    // Backed off: at most the three attempts per secret, not a storm.
    const made = calls();
    expect(made).toBeGreaterThanOrEqual(3);
    expect(made).toBeLessThanOrEqual(9);
    // A call given up on is aborted: no retries go on in the background.
    await new Promise(resolve => setTimeout(resolve, 2500));
    expect(calls()).toBe(made);
  });

  it('gets a throttled read through by retrying, given the time its back-off needs', async () => {
    // The SDK waits up to 1 s before retrying a throttled call, and its
    // rate limiter, just lowered, up to 2 s more for a send token: a retry
    // needs about 3 s, so this backend's timeout leaves room for it (the
    // default is 5 s).
    const server = await startBackend(4000);
    platform.secretsManagerFaults.set('GetSecretValue', {
      status: 429,
      failureRate: 0.5,
    });
    // The first read is throttled, every later one answered.
    platform.secretsManagerDice.push(0, ...Array(20).fill(0.9));
    platform.secretsManagerFaults.resetCounts();
    const { status, elapsedMs } = await timedStatus(server);
    expect(calls()).toBe(4);
    expect(elapsedMs).toBeLessThan(4000 + MARGIN_MS);
    for (const check of checksOf(status).secretsManager) {
      expect(check.state).toBe('ok');
    }
  });
});
