import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  GrantApplyResult,
  GrantReport,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  KubernetesEmulator,
  PostgresConnectionInfo,
  SECRETS,
  superuserClientConfig,
  testPostgres,
} from '@jppol-idp/idp-sandbox';
import { Client, escapeIdentifier } from 'pg';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import {
  PlatformDatabase,
  createPlatformDatabase,
  runAs,
} from './__testUtils__/sandboxPostgres';
import {
  SandboxPlatform,
  startPluginTestBackend,
} from './__testUtils__/sandboxPlatform';

const server = testPostgres();
const base = '/api/idp-postgres/databases/idp-dev/routed';

async function asSuperuser(
  postgres: PostgresConnectionInfo,
  database: string,
  sql: string,
): Promise<void> {
  const client = new Client(superuserClientConfig(postgres, database));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('grant routes against the sandbox', () => {
  const kubernetes = new KubernetesEmulator();
  let dir: string;
  let db: PlatformDatabase;
  let config: object;

  beforeAll(async () => {
    await kubernetes.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-postgres-routes-'));
    fs.writeFileSync(path.join(dir, 'k8s-ca.pem'), kubernetes.caCert);
    fs.writeFileSync(path.join(dir, 'pg-ca.pem'), server.caCert);
    kubernetes.store.ensureNamespace('idp-dev');
    db = await createPlatformDatabase(server, {
      namespace: 'idp-dev',
      name: 'routed',
    });
    await runAs(
      server,
      db,
      'admin',
      'CREATE TABLE things (id serial PRIMARY KEY)',
    );
    config = {
      idpPostgres: {
        clusters: [
          {
            name: 'sandbox',
            namespaces: ['idp-dev'],
            kubernetes: {
              auth: 'url',
              url: kubernetes.url,
              token: kubernetes.token,
              caFile: path.join(dir, 'k8s-ca.pem'),
            },
            secretsManager: { region: 'eu-west-1' },
            postgres: {
              host: server.host,
              port: server.port,
              ssl: {
                mode: 'verify-full',
                caFile: path.join(dir, 'pg-ca.pem'),
                servername: 'localhost',
              },
            },
          },
        ],
      },
    };
  });

  afterAll(async () => {
    await kubernetes.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function storeAdminSecret() {
    kubernetes.store.apply(SECRETS, 'idp-dev', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'idp-dev-routed-admin' },
      data: Object.fromEntries(
        Object.entries({
          endpoint: server.host,
          port: String(server.port),
          username: db.roles.admin,
          password: db.passwords.admin,
        }).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
    } as never);
  }

  const start = (denied: string[] = []) =>
    startPluginTestBackend({ config, denied });

  it('answers 404 with the restore hint when the admin secret is missing', async () => {
    const { server: app } = await start();
    const res = await request(app)
      .get(`${base}/grants`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /idp-dev-routed-admin is missing.*restore/,
    );
  });

  it('reports missing grants, refuses apply without permission, applies with it', async () => {
    storeAdminSecret();
    const { server: app, events } = await start(['idp-postgres.grants.apply']);
    const report = await request(app)
      .get(`${base}/grants`)
      .set('Authorization', mockCredentials.user.header());
    expect(report.status).toBe(200);
    await expectMatchesSpec(report);
    expect(report.body.fixSql).toHaveLength(10);
    expect(report.body.missing).toContainEqual({
      role: 'read',
      privilege: 'SELECT',
      kind: 'table',
      count: 1,
      samples: ['things'],
    });
    expect(JSON.stringify(report.body)).not.toContain(db.passwords.admin);

    const denied = await request(app)
      .post(`${base}/grants/apply`)
      .set('Authorization', mockCredentials.service.header());
    expect(denied.status).toBe(403);
    expect(events).toEqual([{ eventId: 'grants-apply', outcome: 'fail' }]);
    const unchanged = await request(app)
      .get(`${base}/grants`)
      .set('Authorization', mockCredentials.user.header());
    expect(unchanged.body.fixSql).toHaveLength(10);

    const allowed = await start();
    const applied = await request(allowed.server)
      .post(`${base}/grants/apply`)
      .set('Authorization', mockCredentials.user.header());
    expect(applied.status).toBe(200);
    await expectMatchesSpec(applied);
    expect(applied.body.statements).toHaveLength(10);
    expect(applied.body.skipped).toBeUndefined();
    expect(applied.body.after.missing).toEqual([]);
    // The audit event names every statement that ran.
    expect(allowed.events).toEqual([
      {
        eventId: 'grants-apply',
        outcome: 'success',
        meta: { statements: applied.body.statements, stillMissing: 0 },
      },
    ]);
    expect(JSON.stringify(applied.body)).not.toContain(db.passwords.admin);

    const again = await request(allowed.server)
      .post(`${base}/grants/apply`)
      .set('Authorization', mockCredentials.user.header());
    expect(again.body.statements).toEqual([]);
  });

  it('applies what it can around a table another role owns, names it, and never answers 500', async () => {
    storeAdminSecret();
    const migrator = escapeIdentifier('idp-dev-routed-migrator');
    // As a migration tool running as its own role would leave it, and a
    // table of the admin role's that lost a grant.
    await asSuperuser(
      server,
      db.database,
      `DROP ROLE IF EXISTS ${migrator};
       CREATE ROLE ${migrator} NOLOGIN;
       CREATE TABLE public.legacy (id serial PRIMARY KEY);
       ALTER TABLE public.legacy OWNER TO ${migrator};`,
    );
    await runAs(
      server,
      db,
      'admin',
      `REVOKE SELECT ON things FROM ${escapeIdentifier(db.roles.read)}`,
    );
    try {
      const { server: app, events } = await start();
      const applied = await request(app)
        .post(`${base}/grants/apply`)
        .set('Authorization', mockCredentials.user.header());
      expect(applied.status).toBe(200);
      await expectMatchesSpec(applied);
      const result: GrantApplyResult = applied.body;
      const alter =
        'ALTER TABLE "public"."legacy" OWNER TO "idp-dev-routed-admin";';
      expect(result.skipped).toMatchObject({
        count: 1,
        owners: [
          {
            owner: 'idp-dev-routed-migrator',
            count: 1,
            samples: [{ kind: 'table', object: 'legacy', fixSql: alter }],
          },
        ],
      });
      // Everything else was granted: read may select from things again.
      await expect(
        runAs(server, db, 'read', 'SELECT count(*)::int AS n FROM things'),
      ).resolves.toEqual([{ n: 0 }]);
      expect(
        result.after.missing.every(g => g.samples[0].startsWith('legacy')),
      ).toBe(true);
      // The audit event says what ran and what was left out, and whose.
      expect(events).toEqual([
        {
          eventId: 'grants-apply',
          outcome: 'success',
          meta: {
            statements: result.statements,
            stillMissing: 9,
            notOwnedByAdmin: {
              count: 1,
              owners: [{ owner: 'idp-dev-routed-migrator', count: 1 }],
            },
          },
        },
      ]);

      // Once the owner hands it over, applying finishes the job.
      await asSuperuser(server, db.database, alter);
      const again = await request(app)
        .post(`${base}/grants/apply`)
        .set('Authorization', mockCredentials.user.header());
      expect(again.status).toBe(200);
      expect(again.body.skipped).toBeUndefined();
      expect(again.body.after.missing).toEqual([]);
    } finally {
      await asSuperuser(
        server,
        db.database,
        `DROP TABLE IF EXISTS public.legacy; DROP ROLE IF EXISTS ${migrator};`,
      );
    }
  });

  it('answers 409, changing nothing, when PostgreSQL refuses a grant', async () => {
    const other = escapeIdentifier('idp-dev-routed-other');
    const admin = escapeIdentifier(db.roles.admin);
    const read = escapeIdentifier(db.roles.read);
    // Schema public handed to another role: the admin role may no longer
    // grant on it, which PostgreSQL refuses rather than skips.
    await asSuperuser(
      server,
      db.database,
      `DROP ROLE IF EXISTS ${other};
       CREATE ROLE ${other} NOLOGIN;
       ALTER SCHEMA public OWNER TO ${other};
       REVOKE USAGE ON SCHEMA public FROM ${read};`,
    );
    try {
      const { server: app, events } = await start();
      const refused = await request(app)
        .post(`${base}/grants/apply`)
        .set('Authorization', mockCredentials.user.header());
      expect(refused.status).toBe(409);
      await expectMatchesSpec(refused);
      expect(refused.body.error.name).toBe('ConflictError');
      expect(refused.body.error.message).toMatch(
        /^Applying grants to idp-dev-routed as idp-dev-routed-admin failed; nothing was changed\. PostgreSQL refused a grant: permission denied for schema public\./,
      );
      expect(refused.body.error).not.toHaveProperty('stack');
      expect(JSON.stringify(refused.body)).not.toContain(db.passwords.admin);
      expect(events).toEqual([{ eventId: 'grants-apply', outcome: 'fail' }]);
      const report: GrantReport = (
        await request(app)
          .get(`${base}/grants`)
          .set('Authorization', mockCredentials.user.header())
      ).body;
      expect(report.missing).toEqual([
        {
          role: 'read',
          privilege: 'USAGE',
          kind: 'schema',
          count: 1,
          samples: ['public'],
        },
      ]);
    } finally {
      await asSuperuser(
        server,
        db.database,
        `ALTER SCHEMA public OWNER TO ${admin};
         GRANT USAGE ON SCHEMA public TO ${read};
         DROP ROLE ${other};`,
      );
    }
  });

  it('answers 401 for apply without credentials', async () => {
    const { server: app, events } = await start();
    const res = await request(app).post(`${base}/grants/apply`);
    expect(res.status).toBe(401);
    expect(events).toEqual([]);
  });

  it('answers 503 naming the failure when the admin password is stale', async () => {
    kubernetes.store.apply(SECRETS, 'idp-dev', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'idp-dev-routed-admin' },
      data: { password: Buffer.from('stale-password').toString('base64') },
    } as never);
    const { server: app } = await start();
    const res = await request(app)
      .get(`${base}/grants`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/no longer matches the database/);
    expect(res.body.error.message).not.toContain('stale-password');
  });
});

/**
 * The grant report and the status of a database with 1,000 tables (100 of
 * them owned by another role) and 1,000 sequences, none granted, against
 * an empty one: sizes are asserted, times printed (machines are noisy).
 */
describe('grant report at 1,000 tables and 1,000 sequences', () => {
  const platform = new SandboxPlatform();
  const figures: string[][] = [['figure', 'empty database', '1,000 + 1,000']];
  let app: Parameters<typeof request>[0];
  const user = mockCredentials.user.header();
  const url = (name: string, tail = '') =>
    `/api/idp-postgres/databases/idp-dev/${name}${tail}`;

  /**
   * Median times of a few calls to each of two paths, alternating so both
   * see the same load, after one call each to warm the pools up.
   */
  async function timedPair(paths: [string, string], runs = 5) {
    const bodies: unknown[] = [];
    const times: number[][] = [[], []];
    for (let i = 0; i <= runs; i++) {
      for (const [k, target] of paths.entries()) {
        const started = performance.now();
        const res = await request(app).get(target).set('Authorization', user);
        if (i > 0) times[k].push(performance.now() - started);
        expect(res.status).toBe(200);
        bodies[k] = res.body;
      }
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return paths.map((_, k) => ({ body: bodies[k], ms: median(times[k]) }));
  }

  const kb = (value: unknown) => JSON.stringify(value).length / 1024;

  beforeAll(async () => {
    await platform.start();
    await platform.provision({ namespace: 'idp-dev', name: 'empty' });
    const db = await platform.provision({ namespace: 'idp-dev', name: 'big' });
    const migrator = escapeIdentifier('idp-dev-big-migrator');
    await runAs(
      platform.postgres,
      db,
      'admin',
      `DO $$
       BEGIN
         FOR i IN 1..1000 LOOP
           EXECUTE format('CREATE TABLE %I (id int, name text)', 'table_' || lpad(i::text, 4, '0'));
           EXECUTE format('CREATE SEQUENCE %I', 'sequence_' || lpad(i::text, 4, '0'));
         END LOOP;
       END $$`,
    );
    await asSuperuser(
      platform.postgres,
      db.database,
      `DROP ROLE IF EXISTS ${migrator};
       CREATE ROLE ${migrator} NOLOGIN;
       DO $$
       BEGIN
         FOR i IN 1..100 LOOP
           EXECUTE format('ALTER TABLE %I OWNER TO %I', 'table_' || lpad((i * 10)::text, 4, '0'), 'idp-dev-big-migrator');
         END LOOP;
       END $$;`,
    );
    app = (
      await platform.startBackend({
        config: platform.config({ timeoutMs: 20_000 }),
      })
    ).server;
  }, 120_000);

  afterAll(async () => {
    await platform.stop();
    const widths = [0, 1, 2].map(c =>
      Math.max(...figures.map(r => r[c].length)),
    );
    const line = (r: string[]) =>
      `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
    process.stdout.write(
      `\n${[
        line(figures[0]),
        `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
        ...figures.slice(1).map(line),
      ].join('\n')}\n\n`,
    );
  });

  it('stays a few kilobytes, and the status with it', async () => {
    const [empty, big] = await timedPair([
      url('empty', '/grants'),
      url('big', '/grants'),
    ]);
    const report = big.body as GrantReport;
    expect(report.objects).toEqual({ tables: 1000, sequences: 1000 });
    expect(report.missing).toContainEqual({
      role: 'write',
      privilege: 'INSERT',
      kind: 'table',
      count: 1000,
      samples: [
        'table_0001',
        'table_0002',
        'table_0003',
        'table_0004',
        'table_0005',
      ],
    });
    expect(report.fixSql).toHaveLength(10);
    expect(report.notOwnedByAdmin).toMatchObject({
      count: 100,
      ownerCount: 1,
      owners: [{ owner: 'idp-dev-big-migrator', count: 100 }],
    });
    expect(report.notOwnedByAdmin.owners[0].samples.map(f => f.object)).toEqual(
      ['table_0010', 'table_0020', 'table_0030', 'table_0040', 'table_0050'],
    );
    const [emptyStatus, bigStatus] = await timedPair(
      [url('empty', '?refresh=true'), url('big', '?refresh=true')],
      3,
    );
    figures.push(
      [
        'GET …/grants, JSON',
        `${kb(empty.body).toFixed(1)} KB`,
        `${kb(report).toFixed(1)} KB (goal < 20 KB)`,
      ],
      [
        'GET …/grants, median of 5',
        `${empty.ms.toFixed(0)} ms`,
        `${big.ms.toFixed(0)} ms (${(big.ms / empty.ms).toFixed(
          1,
        )}×, goal ≤ 3×)`,
      ],
      [
        'GET status, JSON',
        `${kb(emptyStatus.body).toFixed(1)} KB`,
        `${kb(bigStatus.body).toFixed(1)} KB (goal well under 50 KB)`,
      ],
      [
        'GET status, median of 3',
        `${emptyStatus.ms.toFixed(0)} ms`,
        `${bigStatus.ms.toFixed(0)} ms (${(
          bigStatus.ms / emptyStatus.ms
        ).toFixed(1)}×)`,
      ],
    );
    expect(kb(report)).toBeLessThan(20);
    expect(kb(bigStatus.body)).toBeLessThan(25);
  });

  it('applies to the 900 tables and 1,000 sequences the admin role owns, leaving out the 100', async () => {
    const started = performance.now();
    const res = await request(app)
      .post(url('big', '/grants/apply'))
      .set('Authorization', user);
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    await expectMatchesSpec(res);
    const result: GrantApplyResult = res.body;
    expect(result.skipped?.count).toBe(100);
    // What is left is the 100 tables, for each privilege of each role.
    expect(
      result.after.missing.map(
        g => `${g.role} ${g.privilege} ${g.kind} ${g.count}`,
      ),
    ).toEqual([
      'write SELECT table 100',
      'write INSERT table 100',
      'write UPDATE table 100',
      'write DELETE table 100',
      'read SELECT table 100',
    ]);
    figures.push([
      'POST …/grants/apply (3,800 grants)',
      '',
      `${ms.toFixed(0)} ms, ${kb(result).toFixed(1)} KB`,
    ]);
    expect(kb(result)).toBeLessThan(30);
  });
});
