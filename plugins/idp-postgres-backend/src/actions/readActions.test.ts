import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { policyPermissions } from '../__testUtils__/policyPermissions';
import { SandboxPlatform } from '../__testUtils__/sandboxPlatform';
import { runAs } from '../__testUtils__/sandboxPostgres';
import { invokeAction, listActions } from './__testUtils__/invokeAction';

// Real databases and a backend start: beyond Jest's 5 s on a busy machine.
const SETUP_TIMEOUT_MS = 30_000;
const platform = new SandboxPlatform();
const TEAM_A = 'group:default/team-a';
const ALICE = 'user:default/alice';
const permissions = policyPermissions({ claims: { [ALICE]: [ALICE, TEAM_A] } });
const asAlice = mockCredentials.user.header(ALICE);
const DB = { namespace: 'idp', name: 'act-read' };
const OTHER = { namespace: 'idp', name: 'act-other' };
const passwords: string[] = [];

const READ_ONLY = [
  'list-postgres-databases',
  'get-postgres-database-status',
  'get-postgres-connection-details',
  'get-postgres-database-monitoring',
  'plan-postgres-grants',
  'plan-postgres-restore',
  'check-postgres-database-name',
];
const DESTRUCTIVE = ['apply-postgres-grants', 'restore-postgres-secrets'];

describe('read-only actions, through the actions registry', () => {
  let started: Awaited<ReturnType<SandboxPlatform['startBackend']>>;

  async function invoke(name: string, input: object) {
    const result = await invokeAction(started.server, name, input, asAlice);
    for (const password of passwords) {
      expect(JSON.stringify(result)).not.toContain(password);
    }
    return result;
  }

  async function rest(path: string, body?: object) {
    const url = `/api/idp-postgres${path}`;
    const req = body
      ? request(started.server).post(url).send(body)
      : request(started.server).get(url);
    const res = await req.set('Authorization', asAlice);
    expect(res.status).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    await platform.start();
    const db = await platform.provision(DB);
    passwords.push(...Object.values(db.passwords));
    // Made by the admin role after the grants: read and write miss it.
    await runAs(
      platform.postgres,
      db,
      'admin',
      'CREATE TABLE things (id serial PRIMARY KEY)',
    );
    platform.deleteKubernetesSecret(DB, 'read');
    await platform.define(DB, { owner: TEAM_A });
    const other = await platform.provision(OTHER);
    passwords.push(...Object.values(other.passwords));
    await platform.define(OTHER);
    // Cached, so the action and the REST route answer from the same check.
    started = await platform.startBackend({
      permissions,
      config: platform.config({ cacheTtlSeconds: 300 }),
    });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await platform.stop();
  });

  it('registers nine actions, every input described, with their hints', async () => {
    const actions = await listActions(started.server, asAlice);
    expect(actions.map(a => a.name).sort()).toEqual(
      [...READ_ONLY, ...DESTRUCTIVE].sort(),
    );
    for (const action of actions) {
      expect(action.id).toBe(`idp-postgres:${action.name}`);
      expect(action.description.length).toBeGreaterThan(100);
      const fields = Object.entries(action.schema.input.properties);
      expect(fields.length).toBeGreaterThan(0);
      for (const [field, schema] of fields) {
        expect({ field, described: Boolean(schema.description) }).toEqual({
          field,
          described: true,
        });
      }
      expect(action.attributes).toEqual(
        READ_ONLY.includes(action.name)
          ? { readOnly: true, destructive: false, idempotent: true }
          : { readOnly: false, destructive: true, idempotent: true },
      );
    }
    const status = actions.find(
      a => a.name === 'get-postgres-database-status',
    )!;
    expect(status.schema.input.required?.sort()).toEqual(['name', 'namespace']);
    expect(status.schema.input.properties.name).toMatchObject({
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      maxLength: 63,
    });
  });

  it('lists a namespace as GET /databases does', async () => {
    const { status, output } = await invoke('list-postgres-databases', {
      namespace: 'idp',
    });
    expect(status).toBe(200);
    expect(output).toEqual(await rest('/databases?namespace=idp'));
    expect(output.items.map((i: { name: string }) => i.name)).toEqual([
      'act-other',
      'act-read',
    ]);
    expect(output.items[1].owner).toEqual({
      entityRef: TEAM_A,
      source: 'apps-repo',
      path: 'idp/act-read/catalog-info.yaml',
    });

    const unknown = await invoke('list-postgres-databases', {
      namespace: 'elsewhere',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.error?.name).toBe('NotFoundError');
  });

  it('gives the full status as GET /databases/{namespace}/{name} does', async () => {
    const { status, output } = await invoke('get-postgres-database-status', DB);
    expect(status).toBe(200);
    expect(output).toEqual(await rest('/databases/idp/act-read'));
    const read = output.roles.find((r: { role: string }) => r.role === 'read');
    expect(read.kubernetesSecret.state).toBe('error');
    expect(output.grants.report.missing.length).toBeGreaterThan(0);
    expect(output.knownErrors.map((e: { id: string }) => e.id)).toEqual(
      expect.arrayContaining([expect.any(String)]),
    );

    const refreshed = await invoke('get-postgres-database-status', {
      ...DB,
      refresh: true,
    });
    expect(Date.parse(refreshed.output.checkedAt)).toBeGreaterThan(
      Date.parse(output.checkedAt),
    );
  });

  it('gives connection details without a password', async () => {
    const { status, output } = await invoke(
      'get-postgres-connection-details',
      DB,
    );
    expect(status).toBe(200);
    expect(output).toEqual(await rest('/databases/idp/act-read/connection'));
    expect(output.database).toBe('idp-act-read');
    expect(output.roles.map((r: { username: string }) => r.username)).toEqual([
      'idp-act-read-admin',
      'idp-act-read-write',
      'idp-act-read-read',
    ]);
    expect(JSON.stringify(output)).not.toMatch(/"password"\s*:/);
    const read = output.roles.find((r: { role: string }) => r.role === 'read');
    // Its secret was deleted: the configured proxy, saying why.
    expect(read.endpointSource).toMatchObject({
      from: 'config',
      secretName: 'idp/idp-act-read-read',
    });
  });

  it('gives monitoring as GET …/monitoring does, never query text', async () => {
    const { status, output } = await invoke(
      'get-postgres-database-monitoring',
      DB,
    );
    expect(status).toBe(200);
    const rest_ = await rest('/databases/idp/act-read/monitoring');
    // Read live twice: the parts agree, the time of reading and ages do not.
    const stable = (report: Record<string, unknown>) => ({
      ...report,
      checkedAt: undefined,
      connections: undefined,
      longestQuery: undefined,
      idleInTransaction: undefined,
    });
    expect(stable(output)).toEqual(stable(rest_));
    expect(output.largestTables).toEqual([
      expect.objectContaining({ schema: 'public', table: 'things' }),
    ]);
    expect(Object.keys(output.connections).sort()).toEqual([
      'byRoleAndState',
      'limit',
      'limitSource',
      'total',
    ]);
  });

  it('plans grants with the SQL that fixes them, changing nothing', async () => {
    const { status, output } = await invoke('plan-postgres-grants', DB);
    expect(status).toBe(200);
    expect(output).toEqual({
      ...(await rest('/databases/idp/act-read/grants')),
      checkedAt: expect.any(String),
    });
    expect(output.missing).toContainEqual({
      role: 'read',
      privilege: 'SELECT',
      kind: 'table',
      count: 1,
      samples: ['things'],
    });
    expect(output.fixSql.join('\n')).toContain('GRANT SELECT');
    const again = await invoke('plan-postgres-grants', DB);
    expect(again.output.missing).toEqual(output.missing);
  });

  it('checks a new database name as GET /checks/new-database does, problems and all', async () => {
    const taken = await invoke('check-postgres-database-name', DB);
    expect(taken.status).toBe(200);
    expect(taken.output).toEqual(
      await rest('/checks/new-database?namespace=idp&name=act-read'),
    );
    expect(taken.output.allowed).toBe(false);
    expect(taken.output.problems[0]).toMatchObject({
      code: 'already-defined',
      field: 'name',
    });
    // A name the other actions' schemas refuse is answered, not rejected.
    const bad = await invoke('check-postgres-database-name', {
      namespace: 'idp',
      name: 'Bad Name',
    });
    expect(bad.status).toBe(200);
    expect(bad.output.problems.map((p: { code: string }) => p.code)).toEqual([
      'invalid-name',
    ]);
    const free = await invoke('check-postgres-database-name', {
      namespace: 'idp',
      name: 'act-new',
    });
    expect(free.output).toMatchObject({
      allowed: true,
      database: 'idp-act-new',
      problems: [],
    });
  });

  it('plans a restore with read permission only, changing nothing, audited', async () => {
    const input = { ...DB, roles: ['read', 'write'] };
    const { status, output } = await invoke('plan-postgres-restore', input);
    expect(status).toBe(200);
    expect(output).toEqual(
      await rest('/databases/idp/act-read/restore', {
        dryRun: true,
        roles: ['read', 'write'],
      }),
    );
    expect(
      output.items.map((i: { role: string; action: string }) => [
        i.role,
        i.action,
      ]),
    ).toEqual([
      ['write', 'skip-in-sync'],
      ['read', 'create'],
    ]);
    expect(platform.readKubernetesSecret(DB, 'read')).toBeUndefined();
    expect(
      started.events.filter(
        e => e.eventId === 'secrets-restore' && e.outcome === 'success',
      ),
    ).toHaveLength(2);
  });
});
