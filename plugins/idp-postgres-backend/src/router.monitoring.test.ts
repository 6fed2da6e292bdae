import { mockCredentials } from '@backstage/backend-test-utils';
import type { MonitoringReport } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { superuserClientConfig } from '@jppol-idp/idp-sandbox';
import { Client, escapeIdentifier } from 'pg';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import { SandboxPlatform } from './__testUtils__/sandboxPlatform';
import { PlatformDatabase, runAs } from './__testUtils__/sandboxPostgres';

const platform = new SandboxPlatform();
const passwords: string[] = [];
const REF = { namespace: 'idp-dev', name: 'watched' };
const BACKUPS = {
  policy: 'Aurora keeps automated snapshots of the cluster for 14 days.',
  link: 'https://docs.example.com/backups',
};

/** A session of one of the database's roles, held open for the test. */
async function sessionAs(
  db: PlatformDatabase,
  role: 'admin' | 'write',
): Promise<Client> {
  const client = new Client({
    ...superuserClientConfig(platform.postgres, db.database),
    user: db.roles[role],
    password: db.passwords[role],
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

async function asSuperuser(sql: string): Promise<void> {
  const client = new Client(superuserClientConfig(platform.postgres));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('GET /databases/{namespace}/{name}/monitoring against the sandbox', () => {
  let app: Parameters<typeof request>[0];
  let db: PlatformDatabase;
  const open: Client[] = [];

  async function monitoring(name = REF.name): Promise<MonitoringReport> {
    const res = await request(app)
      .get(`/api/idp-postgres/databases/idp-dev/${name}/monitoring`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    await expectMatchesSpec(res);
    const body = JSON.stringify(res.body);
    for (const password of passwords) expect(body).not.toContain(password);
    // Query text never leaves PostgreSQL: it can hold literals.
    expect(body).not.toContain('pg_sleep');
    return res.body;
  }

  beforeAll(async () => {
    await platform.start();
    db = await platform.provision(REF);
    passwords.push(...Object.values(db.passwords));
    await runAs(
      platform.postgres,
      db,
      'admin',
      "CREATE TABLE items (id serial PRIMARY KEY, name text); INSERT INTO items (name) SELECT 'item ' || g FROM generate_series(1, 500) g",
    );
    const base = platform.config() as { idpPostgres: object };
    app = (
      await platform.startBackend({
        config: { idpPostgres: { ...base.idpPostgres, backups: BACKUPS } },
      })
    ).server;
  });

  afterAll(async () => {
    await Promise.all(open.map(c => c.end().catch(() => {})));
    await platform.stop();
  });

  afterEach(() => platform.clearFaults());

  it('counts the sessions of each role, with the ages of busy and idle transactions', async () => {
    const write = await sessionAs(db, 'write');
    const idle = await sessionAs(db, 'admin');
    const busy = await sessionAs(db, 'admin');
    open.push(write, idle, busy);
    await idle.query('BEGIN');
    await idle.query('SELECT 1');
    const sleeping = busy.query('SELECT pg_sleep(2)');
    await new Promise(resolve => setTimeout(resolve, 300));

    const report = await monitoring();
    await sleeping;

    expect(report.connections?.byRoleAndState).toEqual(
      expect.arrayContaining([
        { role: 'idp-dev-watched-admin', state: 'active', count: 1 },
        {
          role: 'idp-dev-watched-admin',
          state: 'idle in transaction',
          count: 1,
        },
        // PostgreSQL shows another role's session but not its state.
        { role: 'idp-dev-watched-write', state: 'not visible', count: 1 },
      ]),
    );
    // The plugin's own connection is not counted.
    expect(report.connections?.total).toBe(3);
    expect(report.longestQuery).toEqual({
      role: 'idp-dev-watched-admin',
      state: 'active',
      seconds: expect.any(Number),
    });
    expect(report.idleInTransaction).toEqual([
      {
        role: 'idp-dev-watched-admin',
        state: 'idle in transaction',
        seconds: expect.any(Number),
      },
    ]);
    expect(report.unknown).toEqual([
      expect.stringMatching(
        /^The state and age of sessions of idp-dev-watched-write are not visible to idp-dev-watched-admin/,
      ),
    ]);
    await idle.query('ROLLBACK');
  });

  it('gives size, version, the server’s limit and the largest tables', async () => {
    const report = await monitoring();
    expect(report.serverVersion).toMatch(/^\d+(\.\d+)?/);
    expect(report.sizeBytes).toBeGreaterThan(1_000_000);
    expect(report.connections).toMatchObject({
      limitSource: 'server',
      limit: expect.any(Number),
    });
    expect(report.connections!.limit).toBeGreaterThan(10);
    // Autovacuum may or may not have analysed the new table yet.
    expect(report.largestTables).toEqual([
      expect.objectContaining({
        schema: 'public',
        table: 'items',
        sizeBytes: expect.any(Number),
      }),
    ]);
    const [items] = report.largestTables;
    const dates = [items.lastAutovacuum, items.lastAutoanalyze].filter(
      (when): when is string => when !== undefined,
    );
    expect(dates.map(when => new Date(when).toISOString())).toEqual(dates);
    expect(report.largestTables[0].sizeBytes).toBeGreaterThan(8192);
    expect(report.backups).toEqual({
      ...BACKUPS,
      restore: expect.stringMatching(
        /^Restoring data means asking the platform team to restore an Aurora snapshot/,
      ),
    });
  });

  it('uses the database’s own connection limit when it has one', async () => {
    await asSuperuser(
      `ALTER DATABASE ${escapeIdentifier(db.database)} CONNECTION LIMIT 25`,
    );
    const report = await monitoring();
    expect(report.connections).toMatchObject({
      limit: 25,
      limitSource: 'database',
    });
  });

  it('says why nothing could be read without the admin secret', async () => {
    const ref = { namespace: 'idp-dev', name: 'watched-nosecret' };
    const other = await platform.provision(ref);
    passwords.push(...Object.values(other.passwords));
    platform.deleteKubernetesSecret(ref, 'admin');
    const report = await monitoring(ref.name);
    expect(report).toMatchObject({
      database: 'idp-dev-watched-nosecret',
      idleInTransaction: [],
      largestTables: [],
      unknown: [
        expect.stringMatching(
          /^Nothing could be read from PostgreSQL: The admin secret idp-dev\/idp-dev-watched-nosecret-admin is missing/,
        ),
      ],
    });
    expect(report.connections).toBeUndefined();
    expect(report.backups.policy).toBe(BACKUPS.policy);
  });

  it('says why when PostgreSQL cannot be reached', async () => {
    // A database no earlier test opened a pooled connection to.
    const ref = { namespace: 'idp-dev', name: 'watched-down' };
    const other = await platform.provision(ref);
    passwords.push(...Object.values(other.passwords));
    platform.proxy.faults.set('connect', { dropConnection: true });
    const report = await monitoring(ref.name);
    expect(report.serverVersion).toBeUndefined();
    expect(report.unknown).toEqual([
      expect.stringMatching(
        /^Nothing could be read from PostgreSQL: Cannot log in/,
      ),
    ]);
  });
});
