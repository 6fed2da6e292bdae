import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  ConnectCheck,
  NewDatabaseCheck,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import {
  APPS_REPO_URL,
  SandboxPlatform,
} from './__testUtils__/sandboxPlatform';

const platform = new SandboxPlatform();
const TEAM = 'group:default/team-checks';
const passwords: string[] = [];
const asUser = mockCredentials.user.header();
const asService = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:scaffolder'),
  targetPluginId: 'idp-postgres',
});

type Server = Parameters<typeof request>[0];
type Started = Awaited<ReturnType<SandboxPlatform['startBackend']>>;

async function get(server: Server, path: string, authorization = asUser) {
  const res = await request(server)
    .get(`/api/idp-postgres${path}`)
    .set('Authorization', authorization);
  await expectMatchesSpec(res);
  for (const password of passwords) {
    expect(JSON.stringify(res.body)).not.toContain(password);
  }
  return res;
}

const codes = (problems: Array<{ code: string }>) => problems.map(p => p.code);

describe('GET /checks/new-database and /checks/connect against the sandbox', () => {
  let started: Started;
  let unavailable: Started;

  async function newDatabase(namespace: string, name: string, server?: Server) {
    const res = await get(
      server ?? started.server,
      `/checks/new-database?namespace=${encodeURIComponent(
        namespace,
      )}&name=${encodeURIComponent(name)}`,
    );
    expect(res.status).toBe(200);
    return res.body as NewDatabaseCheck;
  }

  async function connect(query: string, server?: Server, auth?: string) {
    const res = await get(
      server ?? started.server,
      `/checks/connect?${query}`,
      auth,
    );
    expect(res.status).toBe(200);
    return res.body as ConnectCheck;
  }

  async function provision(name: string, define = true) {
    const ref = { namespace: 'idp', name };
    const db = await platform.provision(ref);
    passwords.push(...Object.values(db.passwords));
    if (define) await platform.define(ref, { owner: TEAM });
    return ref;
  }

  // Provisioning and the first refresh outlast Jest's 5 s on a loaded machine.
  beforeAll(async () => {
    await platform.start();
    await platform.define(
      { namespace: 'idp', name: 'taken' },
      { owner: TEAM, folder: 'shop-dbs' },
    );
    // idp/dev-orders is the PostgreSQL database idp-dev-orders.
    await platform.define({ namespace: 'idp', name: 'dev-orders' });
    // No definition, resource still there: being removed.
    platform.putResource({ namespace: 'idp', name: 'leaving' }, []);
    // No definition, no resource, secrets kept: removed but protected.
    platform.putSecretsManagerSecret(
      { namespace: 'idp', name: 'kept' },
      'admin',
      {
        username: 'idp-kept-admin',
      },
    );
    await provision('conn-fresh');
    const granted = await provision('conn-granted');
    await provision('conn-no-admin');
    const broken = await provision('conn-broken');
    platform.deleteKubernetesSecret(broken, 'read');
    await platform.define({ namespace: 'idp', name: 'conn-pending' });
    const config = platform.config() as { idpPostgres: object };
    started = await platform.startBackend({
      config: { ...config, app: { baseUrl: 'https://backstage.example/' } },
    });
    const applied = await request(started.server)
      .post(`/api/idp-postgres/databases/idp/${granted.name}/grants/apply`)
      .set('Authorization', asUser);
    if (applied.status !== 200) {
      throw new Error(
        `Applying grants failed: ${JSON.stringify(applied.body)}`,
      );
    }
    // After the refresh, so the inventory still calls it healthy.
    platform.deleteKubernetesSecret(
      { namespace: 'idp', name: 'conn-no-admin' },
      'admin',
    );
    unavailable = await platform.startBackend({
      config: {
        idpPostgres: {
          ...config.idpPostgres,
          platform: { appsRepoUrl: `${APPS_REPO_URL}-no-such-branch` },
        },
      },
    });
  }, 90_000);

  afterAll(async () => {
    await platform.stop();
  });

  describe('new database', () => {
    it('allows a free name, with the names it derives and the room left', async () => {
      const check = await newDatabase('idp', 'fresh-name');
      expect(check).toEqual({
        namespace: 'idp',
        name: 'fresh-name',
        database: 'idp-fresh-name',
        roleNames: {
          admin: 'idp-fresh-name-admin',
          write: 'idp-fresh-name-write',
          read: 'idp-fresh-name-read',
        },
        bytesLeft: 63 - 'idp-fresh-name-admin'.length,
        allowed: true,
        production: false,
        problems: [],
        inventoryRefreshedAt: expect.any(String),
      });
    });

    it('answers any string with the naming problems, per field, not with an error', async () => {
      const empty = await newDatabase('', '');
      expect(empty.allowed).toBe(false);
      expect(empty.problems.map(p => [p.code, p.field])).toEqual([
        ['invalid-name', 'namespace'],
        ['invalid-name', 'name'],
      ]);
      const long = await newDatabase('idp', 'a'.repeat(60));
      expect(long.bytesLeft).toBe(63 - (4 + 60 + 6));
      expect(long.problems).toEqual([
        {
          code: 'invalid-name',
          field: 'name',
          message: expect.stringContaining('shorten the database name'),
        },
      ]);
      const odd = await newDatabase('Idp', 'with space');
      expect(odd.problems.map(p => p.field)).toEqual(['namespace', 'name']);
    });

    it('refuses a namespace no cluster serves, and says when it is production', async () => {
      const check = await newDatabase('shop-prod', 'orders');
      expect(codes(check.problems)).toEqual(['namespace-not-served']);
      expect(check.problems[0].field).toBe('namespace');
      expect(check.production).toBe(true);
    });

    it('refuses a name defined already, naming the values file', async () => {
      const check = await newDatabase('idp', 'taken');
      expect(check.allowed).toBe(false);
      expect(codes(check.problems)).toEqual(['already-defined']);
      expect(check.problems[0].message).toContain(
        'idp/shop-dbs/values.yaml (folder idp/shop-dbs)',
      );
    });

    it('refuses a name whose removal is still in progress', async () => {
      const check = await newDatabase('idp', 'leaving');
      expect(codes(check.problems)).toEqual(['already-defined']);
      expect(check.problems[0].message).toContain(
        'its removal is still in progress',
      );
    });

    it('refuses a name that makes the same PostgreSQL database as another namespace', async () => {
      const check = await newDatabase('idp-dev', 'orders');
      expect(codes(check.problems)).toEqual(['name-collision']);
      expect(check.problems[0].message).toContain(
        'idp/dev-orders already has the PostgreSQL database name "idp-dev-orders"',
      );
    });

    it('allows re-adding a database kept by deletion protection, saying it keeps the data', async () => {
      const check = await newDatabase('idp', 'kept');
      expect(check.allowed).toBe(true);
      expect(check.readd?.message).toContain(
        're-attaches to the existing PostgreSQL database idp-kept and its data',
      );
    });

    it('says when the inventory could not be read yet', async () => {
      const check = await newDatabase('idp', 'fresh-name', unavailable.server);
      expect(codes(check.problems)).toEqual(['inventory-unavailable']);
      expect(check.problems[0].message).toContain('Its last refresh failed');
      expect(check.inventoryRefreshedAt).toBeUndefined();
    });

    it('answers services too, needs credentials, and caps the input', async () => {
      const res = await get(
        started.server,
        '/checks/new-database?namespace=idp&name=svc',
        asService,
      );
      expect(res.status).toBe(200);
      const anonymous = await request(started.server).get(
        '/api/idp-postgres/checks/new-database?namespace=idp&name=x',
      );
      expect(anonymous.status).toBe(401);
      const huge = await get(
        started.server,
        `/checks/new-database?namespace=idp&name=${'a'.repeat(301)}`,
      );
      expect(huge.status).toBe(400);
    });
  });

  describe('connect', () => {
    it('allows a healthy, granted database with no warning, and links to it', async () => {
      const check = await connect(
        'namespace=idp&name=conn-granted&role=read&appNamespace=idp',
      );
      expect(check).toEqual({
        namespace: 'idp',
        name: 'conn-granted',
        role: 'read',
        appNamespace: 'idp',
        allowed: true,
        problems: [],
        warnings: [],
        secretName: 'idp-conn-granted-read',
        entityRef: 'resource:default/idp.conn-granted',
        tabUrl:
          'https://backstage.example/catalog/default/resource/idp.conn-granted/postgresql',
      });
    });

    it('warns that a role without grants can read nothing, but not for admin', async () => {
      const read = await connect('namespace=idp&name=conn-fresh&role=read');
      expect(read.allowed).toBe(true);
      expect(codes(read.warnings)).toEqual(['no-privileges']);
      expect(read.warnings[0].message).toContain(
        'idp-conn-fresh-read has no privileges',
      );
      const admin = await connect('namespace=idp&name=conn-fresh&role=admin');
      expect(admin.warnings).toEqual([]);
    });

    it('says the privileges are unknown when the caller may not read the status, or they cannot be read', async () => {
      const denied = await platform.startBackend({
        denied: ['idp-postgres.status.read'],
      });
      const refused = await connect(
        'namespace=idp&name=conn-fresh&role=write',
        denied.server,
      );
      expect(codes(refused.warnings)).toEqual(['grants-unknown']);
      expect(refused.warnings[0].message).toContain(
        'you may not read the status',
      );
      const unread = await connect(
        'namespace=idp&name=conn-no-admin&role=write',
      );
      expect(codes(unread.warnings)).toEqual(['grants-unknown']);
      expect(unread.warnings[0].message).toContain('admin secret');
    });

    it('warns about a database not synced yet, or broken', async () => {
      const pending = await connect(
        'namespace=idp&name=conn-pending&role=write',
      );
      expect(pending.allowed).toBe(true);
      expect(codes(pending.warnings)).toEqual(['not-ready']);
      expect(pending.warnings[0].message).toContain('not synced');
      const broken = await connect('namespace=idp&name=conn-broken&role=admin');
      expect(codes(broken.warnings)).toEqual(['not-ready']);
      expect(broken.warnings[0].message).toContain(
        'Kubernetes secret idp-conn-broken-read is missing',
      );
    });

    it('refuses an unknown database and one whose definition was removed', async () => {
      const ghost = await connect('namespace=idp&name=ghost&role=read');
      expect(ghost.allowed).toBe(false);
      expect(codes(ghost.problems)).toEqual(['not-found']);
      const kept = await connect('namespace=idp&name=kept&role=read');
      expect(codes(kept.problems)).toEqual(['not-found']);
      expect(kept.problems[0].message).toContain(
        'was removed from the apps repo',
      );
    });

    it("refuses an app of another namespace, whose pods cannot read the database's secret", async () => {
      const check = await connect(
        'namespace=idp&name=conn-granted&role=write&appNamespace=shop',
      );
      expect(check.allowed).toBe(false);
      expect(check.problems.map(p => [p.code, p.field])).toEqual([
        ['other-namespace', 'appNamespace'],
      ]);
    });

    it('refuses bad names per field, and says when the inventory is not read yet', async () => {
      const bad = await connect(
        'namespace=idp&name=Bad_Name&role=read&appNamespace=App%20NS',
      );
      expect(bad.problems.map(p => [p.code, p.field])).toEqual([
        ['invalid-name', 'name'],
        ['invalid-name', 'appNamespace'],
      ]);
      const early = await connect(
        'namespace=idp&name=conn-granted&role=read',
        unavailable.server,
      );
      expect(codes(early.problems)).toEqual(['inventory-unavailable']);
      expect(early.tabUrl).toBeUndefined();
    });

    it('answers 400 for an unknown role', async () => {
      const res = await get(
        started.server,
        '/checks/connect?namespace=idp&name=conn-granted&role=owner',
      );
      expect(res.status).toBe(400);
    });
  });
});
