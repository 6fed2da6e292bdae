import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { TcpFaultProxy, testPostgres } from '@jppol-idp/idp-sandbox';
import {
  PlatformDatabase,
  createPlatformDatabase,
} from '../__testUtils__/sandboxPostgres';
import {
  PostgresInspector,
  PostgresInspectorOptions,
  PostgresTarget,
} from './PostgresInspector';

const server = testPostgres();
const logger = mockServices.logger.mock();
const DATABASES = 30;

/**
 * The plugin-wide cap on PostgreSQL connections, counted where the server
 * sees them: at the sandbox's TCP proxy in front of PostgreSQL.
 */
describe('PostgresInspector connection cap', () => {
  const proxy = new TcpFaultProxy({
    targetHost: server.host,
    targetPort: server.port,
  });
  const databases: PlatformDatabase[] = [];
  const inspectors: PostgresInspector[] = [];

  const inspector = (
    options: Partial<PostgresInspectorOptions> & { maxConnections: number },
  ) => {
    const made = new PostgresInspector({
      logger,
      timeoutMs: 10_000,
      ...options,
    });
    inspectors.push(made);
    return made;
  };
  const target = (db: PlatformDatabase): PostgresTarget => ({
    host: '127.0.0.1',
    port: proxy.port,
    database: db.database,
    ssl: {
      mode: 'verify-full',
      caFile: 'sandbox',
      ca: server.caCert,
      servername: 'localhost',
    },
  });
  const login = (
    db: PlatformDatabase,
    role: keyof PlatformDatabase['roles'] = 'read',
  ) => ({ username: db.roles[role], password: db.passwords[role] });

  beforeAll(async () => {
    await proxy.start();
    for (let i = 0; i < DATABASES; i++) {
      databases.push(
        await createPlatformDatabase(server, {
          namespace: 'idp-cap',
          name: `db${i}`,
        }),
      );
    }
  }, 120_000);

  beforeEach(async () => {
    await waitFor(() => proxy.connections.open === 0);
    proxy.resetConnectionCounts();
  });

  afterEach(async () => {
    proxy.faults.clear();
    await Promise.all(inspectors.splice(0).map(made => made.close()));
  });

  afterAll(() => proxy.stop());

  it(`keeps a burst of checks over ${DATABASES} databases within 4 connections`, async () => {
    const capped = inspector({ maxConnections: 4 });
    const checks = databases.map(db =>
      Promise.all([
        capped.checkLogin(target(db), login(db, 'admin')),
        capped.checkLogin(target(db), login(db, 'write')),
        capped.checkLogin(target(db), login(db, 'read')),
        capped.grantReport(target(db), db.roles, login(db, 'admin')),
      ]),
    );
    const results = await Promise.all(checks);

    for (const [admin, write, read, report] of results) {
      expect([admin, write, read]).toEqual([
        { ok: true },
        { ok: true },
        { ok: true },
      ]);
      expect(report.fixSql.length).toBeGreaterThan(0);
    }
    expect(proxy.connections.maxOpen).toBe(4);
    expect(proxy.connections.accepted).toBeGreaterThanOrEqual(4 * DATABASES);
  }, 60_000);

  it('closes idle pooled connections when a new connection needs their slot', async () => {
    // Without that, the login would wait out the pools' idle timeout.
    const capped = inspector({
      maxConnections: 2,
      idleTimeoutMs: 60_000,
      timeoutMs: 2000,
    });
    const [a, b, c] = databases;
    await capped.grantReport(target(a), a.roles, login(a, 'admin'));
    await capped.grantReport(target(b), b.roles, login(b, 'admin'));
    expect(proxy.connections.open).toBe(2);

    const started = Date.now();
    await expect(capped.checkLogin(target(c), login(c))).resolves.toEqual({
      ok: true,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(proxy.connections.maxOpen).toBe(2);
  });

  it('fails a caller that waits for a slot longer than its timeout, like a timeout', async () => {
    // Each connection takes 900 ms, so with one slot the first two checks
    // fit in the 1500 ms timeout and the third ones cannot get a slot in time.
    proxy.faults.set('connect', { delayMs: 900 });
    const capped = inspector({ maxConnections: 1, timeoutMs: 1500 });
    const [db] = databases;
    const started = Date.now();
    const first = capped.checkLogin(target(db), login(db));
    const second = capped.checkLogin(target(db), login(db));
    const queuedLogin = capped.checkLogin(target(db), login(db));
    const queuedReport = capped
      .grantReport(target(db), db.roles, login(db, 'admin'))
      .catch(error => error);

    await expect(queuedLogin).resolves.toMatchObject({
      ok: false,
      failure: 'timeout',
      reason: expect.stringMatching(/maxPostgresConnections/),
    });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1450);
    expect(waited).toBeLessThan(1800);
    const reportError = await queuedReport;
    expect(reportError).toBeInstanceOf(ServiceUnavailableError);
    expect(reportError.message).toMatch(/maxPostgresConnections/);
    await expect(first).resolves.toEqual({ ok: true });
    await expect(second).resolves.toEqual({ ok: true });

    // The slots of the callers that gave up come back.
    proxy.faults.clear();
    for (let i = 0; i < 3; i++) {
      await expect(capped.checkLogin(target(db), login(db))).resolves.toEqual({
        ok: true,
      });
    }
    expect(proxy.connections.maxOpen).toBe(1);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
