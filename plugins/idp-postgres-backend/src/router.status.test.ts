import { mockCredentials } from '@backstage/backend-test-utils';
import type { DatabaseStatus } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { superuserClientConfig } from '@jppol-idp/idp-sandbox';
import { Client, escapeIdentifier } from 'pg';
import request from 'supertest';
import {
  expectMatchesSpec,
  openApiMismatch,
} from './__testUtils__/openApiResponses';
import { SandboxPlatform } from './__testUtils__/sandboxPlatform';
import { PlatformDatabase, runAs } from './__testUtils__/sandboxPostgres';

const platform = new SandboxPlatform();
const seededPasswords: string[] = [];
const bodies: string[] = [];

const MANUAL_GRANTS = (db: PlatformDatabase) => {
  const [admin, write, read] = [
    db.roles.admin,
    db.roles.write,
    db.roles.read,
  ].map(escapeIdentifier);
  return [
    `GRANT USAGE ON SCHEMA public TO ${write}, ${read}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${admin} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${write}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${admin} IN SCHEMA public GRANT SELECT ON TABLES TO ${read}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${admin} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${write}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${admin} IN SCHEMA public GRANT SELECT ON SEQUENCES TO ${read}`,
  ].join(';\n');
};

async function provision(name: string, options: { granted?: boolean } = {}) {
  const ref = { namespace: 'idp-dev', name };
  const db = await platform.provision(ref);
  seededPasswords.push(...Object.values(db.passwords));
  if (options.granted) {
    await runAs(platform.postgres, db, 'admin', MANUAL_GRANTS(db));
  }
  return { ref, db };
}

async function getStatus(
  app: Parameters<typeof request>[0],
  name: string,
  query = '',
): Promise<DatabaseStatus> {
  const res = await request(app)
    .get(`/api/idp-postgres/databases/idp-dev/${name}${query}`)
    .set('Authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  await expectMatchesSpec(res);
  bodies.push(JSON.stringify(res.body));
  return res.body;
}

async function asSuperuser(database: string, sql: string): Promise<void> {
  const client = new Client(superuserClientConfig(platform.postgres, database));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const role = (status: DatabaseStatus, name: string) =>
  status.roles.find(r => r.role === name)!;

describe('GET /databases/{namespace}/{name} against the sandbox', () => {
  let app: Parameters<typeof request>[0];

  beforeAll(async () => {
    await platform.start();
    app = (await platform.startBackend()).server;
  });

  afterAll(async () => {
    await platform.stop();
  });

  afterEach(() => platform.clearFaults());

  it('reports a healthy database with every check ok', async () => {
    await provision('healthy', { granted: true });
    const status = await getStatus(app, 'healthy');
    expect(status.state).toBe('ok');
    expect(status.knownErrors).toEqual([]);
    expect(status.resource.state).toBe('ok');
    expect(status.grants.state).toBe('ok');
    for (const r of status.roles) {
      expect([
        r.kubernetesSecret.state,
        r.secretsManagerSecret.state,
        r.secretAgreement.state,
        r.login.state,
      ]).toEqual(['ok', 'ok', 'ok', 'ok']);
    }
  });

  it('names missing Kubernetes secrets with restore commands for exactly those roles', async () => {
    const { ref } = await provision('nosecrets', { granted: true });
    platform.deleteKubernetesSecret(ref, 'write');
    platform.deleteKubernetesSecret(ref, 'read');
    const status = await getStatus(app, 'nosecrets');
    expect(status.state).toBe('error');
    expect(role(status, 'write').kubernetesSecret).toEqual({
      state: 'error',
      reason: 'Kubernetes secret idp-dev/idp-dev-nosecrets-write is missing.',
    });
    expect(role(status, 'write').login.state).toBe('unknown');
    expect(role(status, 'admin').login.state).toBe('ok');
    expect(status.knownErrors.map(e => e.id)).toEqual([
      'kubernetes-secrets-missing',
    ]);
    const [missing] = status.knownErrors;
    expect(missing.fix.action).toBe('restore-secrets');
    expect(missing.fix.commands).toEqual([
      expect.stringMatching(
        /^kubectl create secret generic idp-dev-nosecrets-write -n idp-dev /,
      ),
      expect.stringMatching(
        /^kubectl create secret generic idp-dev-nosecrets-read -n idp-dev /,
      ),
    ]);
  });

  it('reports a Secrets Manager secret scheduled for deletion with its date', async () => {
    const { ref, db } = await provision('scheduled', { granted: true });
    platform.putSecretsManagerSecret(
      ref,
      'read',
      platform.secretValues(db, 'read'),
      { scheduledForDeletion: true },
    );
    const status = await getStatus(app, 'scheduled');
    const read = role(status, 'read');
    expect(read.secretsManagerSecret.state).toBe('warning');
    expect(Date.parse(read.secretsManagerSecret.deletionDate!)).not.toBeNaN();
    expect(status.state).toBe('warning');
    const [found] = status.knownErrors;
    expect(found.id).toBe('secrets-manager-secret-scheduled-for-deletion');
    expect(found.fix.commands).toContain(
      "aws secretsmanager restore-secret --secret-id 'customer/idp-dev/idp-dev-scheduled-read'",
    );
  });

  it('detects drift: a Kubernetes password that no longer matches', async () => {
    const { ref, db } = await provision('drift', { granted: true });
    platform.putKubernetesSecret(ref, 'write', {
      ...platform.secretValues(db, 'write'),
      password: 'stale-password-value',
    });
    const status = await getStatus(app, 'drift');
    const write = role(status, 'write');
    expect(write.secretAgreement.state).toBe('error');
    expect(write.secretAgreement.reason).toMatch(/password.*compared by hash/);
    expect(write.login).toMatchObject({
      state: 'error',
      failure: 'wrong-password',
    });
    expect(status.knownErrors.map(e => e.id)).toEqual(['secret-drift']);
    expect(JSON.stringify(status)).not.toContain('stale-password-value');
  });

  it('reports missing grants with the exact SQL per known error', async () => {
    await provision('nogrants');
    const status = await getStatus(app, 'nogrants');
    expect(status.state).toBe('warning');
    expect(status.grants.state).toBe('warning');
    expect(status.grants.report?.fixSql.length).toBeGreaterThan(0);
    const ids = status.knownErrors.map(e => e.id);
    expect(ids).toEqual(['missing-schema-usage', 'missing-default-privileges']);
    expect(status.knownErrors[0].fix.commands).toEqual([
      'GRANT USAGE ON SCHEMA "public" TO "idp-dev-nogrants-write";',
      'GRANT USAGE ON SCHEMA "public" TO "idp-dev-nogrants-read";',
    ]);
  });

  it('detects a table the admin role does not own, and its ALTER … OWNER fix makes apply work', async () => {
    const { db } = await provision('foreign', { granted: true });
    const migrator = escapeIdentifier('idp-dev-foreign-migrator');
    // As a migration user would: its own table, with a serial sequence.
    await asSuperuser(
      db.database,
      `DROP ROLE IF EXISTS ${migrator};
       CREATE ROLE ${migrator} NOLOGIN;
       CREATE TABLE public.legacy (id serial PRIMARY KEY);
       ALTER TABLE public.legacy OWNER TO ${migrator};`,
    );
    const status = await getStatus(app, 'foreign');
    expect(status.grants.report?.notOwnedByAdmin).toEqual({
      count: 1,
      ownerCount: 1,
      owners: [
        {
          owner: 'idp-dev-foreign-migrator',
          count: 1,
          samples: [
            {
              kind: 'table',
              object: 'legacy',
              owner: 'idp-dev-foreign-migrator',
              fixSql:
                'ALTER TABLE "public"."legacy" OWNER TO "idp-dev-foreign-admin";',
            },
          ],
        },
      ],
      listSql: expect.stringContaining('pg_get_userbyid(c.relowner)'),
    });
    expect(status.knownErrors.map(e => e.id)).toEqual([
      'missing-table-privileges',
      'missing-sequence-privileges',
      'table-not-owned-by-admin',
    ]);
    const detected = status.knownErrors[2];
    expect(detected.detail).toMatch(
      /^public\.legacy \(table\) is owned by idp-dev-foreign-migrator, not by idp-dev-foreign-admin/,
    );
    expect(detected.fix.commands).toEqual([
      'ALTER TABLE "public"."legacy" OWNER TO "idp-dev-foreign-admin";',
    ]);

    // Applying grants leaves the table out; with the owner fixed it grants it too.
    await asSuperuser(db.database, detected.fix.commands![0]);
    const apply = await request(app)
      .post('/api/idp-postgres/databases/idp-dev/foreign/grants/apply')
      .set('Authorization', mockCredentials.user.header());
    expect(apply.status).toBe(200);
    expect(apply.body.after.missing).toEqual([]);
    const fixed = await getStatus(app, 'foreign', '?refresh=true');
    expect(fixed.knownErrors).toEqual([]);
    expect(fixed.grants.report?.notOwnedByAdmin.count).toBe(0);
    await asSuperuser(db.database, `DROP ROLE ${migrator}`);
  });

  it('passes on the reason and message of a resource that is not ready', async () => {
    const { ref } = await provision('notready', { granted: true });
    platform.putResource(
      ref,
      [
        { type: 'Ready', status: 'False', reason: 'Creating', message: 'x' },
        {
          type: 'Synced',
          status: 'False',
          reason: 'ReconcileError',
          message: 'unknown key "replicas"',
        },
      ],
      { chartVersion: '0.4.1' },
    );
    const status = await getStatus(app, 'notready');
    expect(status.resource.state).toBe('error');
    expect(status.resource.reason).toContain(
      'Synced=False (ReconcileError): unknown key "replicas"',
    );
    expect(status.knownErrors.map(e => e.id)).toEqual([
      'resource-not-ready',
      'chart-below-0-5-0',
    ]);
    expect(status.knownErrors[1].fix.commands).toHaveLength(3);
  });

  it('has its responses checked against the spec, which catches a wrong shape', async () => {
    const res = await request(app)
      .get('/api/idp-postgres/databases/idp-dev/healthy')
      .set('Authorization', mockCredentials.user.header());
    await expect(openApiMismatch(res)).resolves.toBeUndefined();
    res.body.roles[0].login.state = 'fine';
    await expect(openApiMismatch(res)).resolves.toMatch(/state/);
  });

  it('answers 404 for a database no system knows', async () => {
    const res = await request(app)
      .get('/api/idp-postgres/databases/idp-dev/nowhere')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    await expectMatchesSpec(res);
  });

  it('answers 401 without credentials and 403 without permission', async () => {
    await provision('guarded');
    const unauthenticated = await request(app).get(
      '/api/idp-postgres/databases/idp-dev/guarded',
    );
    expect(unauthenticated.status).toBe(401);
    const denied = await platform.startBackend({
      denied: ['idp-postgres.status.read'],
    });
    const forbidden = await request(denied.server)
      .get('/api/idp-postgres/databases/idp-dev/guarded')
      .set('Authorization', mockCredentials.service.header());
    expect(forbidden.status).toBe(403);
    await expectMatchesSpec(forbidden);
  });

  it('shares one upstream fetch between identical requests and caches until refresh', async () => {
    await provision('cached', { granted: true });
    const cached = await platform.startBackend({
      config: platform.config({ cacheTtlSeconds: 60 }),
    });
    platform.secretsManagerFaults.resetCounts();
    const [a, b] = await Promise.all([
      getStatus(cached.server, 'cached'),
      getStatus(cached.server, 'cached'),
    ]);
    expect(a).toEqual(b);
    expect(platform.secretsManagerFaults.count('GetSecretValue')).toBe(3);
    await getStatus(cached.server, 'cached');
    expect(platform.secretsManagerFaults.count('GetSecretValue')).toBe(3);
    const fresh = await getStatus(cached.server, 'cached', '?refresh=true');
    expect(platform.secretsManagerFaults.count('GetSecretValue')).toBe(6);
    expect(Date.parse(fresh.checkedAt)).toBeGreaterThan(
      Date.parse(a.checkedAt),
    );
  });

  it('shows a grant apply or restore made through the plugin at once, despite the cache', async () => {
    const { ref } = await provision('changed');
    const cached = await platform.startBackend({
      config: platform.config({ cacheTtlSeconds: 60 }),
    });
    // The inventory knows no app using its roles: nothing to do yet.
    expect((await getStatus(cached.server, 'changed')).state).toBe('info');
    const applied = await request(cached.server)
      .post('/api/idp-postgres/databases/idp-dev/changed/grants/apply')
      .set('Authorization', mockCredentials.user.header());
    expect(applied.status).toBe(200);
    expect((await getStatus(cached.server, 'changed')).state).toBe('ok');

    // A change outside the plugin still waits for the TTL or a refresh.
    platform.deleteKubernetesSecret(ref, 'read');
    expect((await getStatus(cached.server, 'changed')).state).toBe('ok');
    // A dry run changes nothing, so the cached status stays.
    const plan = await request(cached.server)
      .post('/api/idp-postgres/databases/idp-dev/changed/restore')
      .set('Authorization', mockCredentials.user.header())
      .send({ dryRun: true });
    expect(plan.status).toBe(200);
    expect((await getStatus(cached.server, 'changed')).state).toBe('ok');

    // A check in flight while the restore runs saw the secret missing; it
    // is not what the next read shows.
    platform.secretsManagerFaults.set('GetSecretValue', { delayMs: 300 });
    const during = getStatus(cached.server, 'changed', '?refresh=true');
    await new Promise(resolve => setTimeout(resolve, 50));
    const restored = await request(cached.server)
      .post('/api/idp-postgres/databases/idp-dev/changed/restore')
      .set('Authorization', mockCredentials.user.header())
      .send({});
    expect(restored.status).toBe(200);
    expect(
      restored.body.items.map((i: { outcome: string }) => i.outcome),
    ).toEqual(['skipped', 'skipped', 'done']);
    expect((await during).state).toBe('error');
    platform.clearFaults();
    expect((await getStatus(cached.server, 'changed')).state).toBe('ok');
  });

  it('never puts a seeded password in any status response', () => {
    expect(bodies.length).toBeGreaterThan(10);
    expect(seededPasswords.length).toBeGreaterThan(10);
    for (const body of bodies) {
      for (const password of seededPasswords) {
        expect(body).not.toContain(password);
      }
    }
  });
});
