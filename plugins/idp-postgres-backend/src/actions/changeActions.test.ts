import { mockCredentials } from '@backstage/backend-test-utils';
import { policyPermissions } from '../__testUtils__/policyPermissions';
import { SandboxPlatform } from '../__testUtils__/sandboxPlatform';
import { runAs } from '../__testUtils__/sandboxPostgres';
import { invokeAction } from './__testUtils__/invokeAction';

// Real databases and a backend start: beyond Jest's 5 s on a busy machine.
const SETUP_TIMEOUT_MS = 30_000;
const platform = new SandboxPlatform();
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const ALICE = 'user:default/alice'; // team-a
const BOB = 'user:default/bob'; // team-b
const permissions = policyPermissions({
  claims: { [ALICE]: [ALICE, TEAM_A], [BOB]: [BOB, TEAM_B] },
});
const OWNED = { namespace: 'idp-restore', name: 'act-owned' };

const asUser = (ref: string) => mockCredentials.user.header(ref);
const asService = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'idp-postgres',
  });

describe('destructive actions, through the actions registry', () => {
  let started: Awaited<ReturnType<SandboxPlatform['startBackend']>>;

  const invoke = (name: string, input: object, authorization: string) =>
    invokeAction(started.server, name, input, authorization);

  async function missingGrants(authorization = asUser(ALICE)) {
    const { output } = await invoke(
      'plan-postgres-grants',
      OWNED,
      authorization,
    );
    return output.missing.length as number;
  }

  beforeAll(async () => {
    await platform.start();
    const db = await platform.provision(OWNED);
    await runAs(
      platform.postgres,
      db,
      'admin',
      'CREATE TABLE things (id serial PRIMARY KEY)',
    );
    platform.deleteKubernetesSecret(OWNED, 'read');
    await platform.define(OWNED, { owner: TEAM_A });
    // A long cache, so only forget() after a change can show the new state.
    started = await platform.startBackend({
      permissions,
      config: platform.config({ cacheTtlSeconds: 300 }),
    });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await platform.stop();
  });

  it('refuses another team, changing nothing, and audits the refusal', async () => {
    for (const name of ['apply-postgres-grants', 'restore-postgres-secrets']) {
      const refused = await invoke(name, OWNED, asUser(BOB));
      expect(refused.status).toBe(403);
      expect(refused.error?.name).toBe('NotAllowedError');
      expect(refused.error?.message).toContain(
        `only its owner ${TEAM_A} (from idp-restore/act-owned/catalog-info.yaml) may`,
      );
    }
    expect(platform.readKubernetesSecret(OWNED, 'read')).toBeUndefined();
    expect(await missingGrants()).toBeGreaterThan(0);
    expect(started.events).toEqual([
      { eventId: 'grants-apply', outcome: 'fail' },
      { eventId: 'secrets-restore', outcome: 'fail' },
    ]);
  });

  it('refuses a service caller that is not listed', async () => {
    for (const subject of ['external:ops-bot', 'plugin:mcp-actions']) {
      for (const name of [
        'apply-postgres-grants',
        'restore-postgres-secrets',
      ]) {
        const refused = await invoke(name, OWNED, asService(subject));
        expect(refused.status).toBe(403);
        expect(refused.error?.message).toContain(
          `${subject} is not listed in idpPostgres.access.serviceSubjects`,
        );
      }
    }
    expect(platform.readKubernetesSecret(OWNED, 'read')).toBeUndefined();
    // Reading, a plan included, is open to services as over REST.
    const plan = await invoke(
      'plan-postgres-restore',
      OWNED,
      asService('external:ops-bot'),
    );
    expect(plan.status).toBe(200);
  });

  it('rejects invalid names with a clear message, changing nothing', async () => {
    const before = started.events.length;
    const badName = await invoke(
      'apply-postgres-grants',
      { namespace: 'idp-restore', name: 'Act_Owned' },
      asUser(ALICE),
    );
    expect(badName.status).toBe(400);
    expect(badName.error?.name).toBe('InputError');
    expect(badName.error?.message).toContain(
      'Database name must be a Kubernetes DNS label',
    );
    const badNamespace = await invoke(
      'restore-postgres-secrets',
      { namespace: 'idp restore', name: 'act-owned' },
      asUser(ALICE),
    );
    expect(badNamespace.status).toBe(400);
    expect(badNamespace.error?.message).toContain(
      'Namespace must be a Kubernetes DNS label',
    );
    // A valid label each, but the admin role's name would pass 63 bytes.
    const tooLong = await invoke(
      'restore-postgres-secrets',
      { namespace: 'idp-restore', name: 'a'.repeat(60) },
      asUser(ALICE),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.error?.message).toContain('shorten the database name');
    // Only the call that reached the action is audited, as a failure.
    expect(started.events.slice(before)).toEqual([
      { eventId: 'secrets-restore', outcome: 'fail' },
    ]);
    expect(platform.readKubernetesSecret(OWNED, 'read')).toBeUndefined();
    expect(await missingGrants()).toBeGreaterThan(0);
  });

  it('lets the owner apply grants and restore secrets; the status shows it at once', async () => {
    const before = await invoke(
      'get-postgres-database-status',
      OWNED,
      asUser(ALICE),
    );
    expect(before.output.grants.state).not.toBe('ok');

    const applied = await invoke('apply-postgres-grants', OWNED, asUser(ALICE));
    expect(applied.status).toBe(200);
    expect(applied.output.statements.length).toBeGreaterThan(0);
    expect(applied.output.after.missing).toEqual([]);

    const restored = await invoke(
      'restore-postgres-secrets',
      { ...OWNED, roles: ['read'] },
      asUser(ALICE),
    );
    expect(restored.status).toBe(200);
    expect(restored.output).toMatchObject({
      dryRun: false,
      items: [{ role: 'read', action: 'create', outcome: 'done' }],
    });
    expect(platform.readKubernetesSecret(OWNED, 'read')).toBeDefined();

    const after = await invoke(
      'get-postgres-database-status',
      OWNED,
      asUser(ALICE),
    );
    expect(after.output.grants.state).toBe('ok');
    const read = after.output.roles.find(
      (r: { role: string }) => r.role === 'read',
    );
    expect(read.kubernetesSecret.state).toBe('ok');
    expect(started.events.slice(-2)).toEqual([
      {
        eventId: 'grants-apply',
        outcome: 'success',
        meta: {
          statements: applied.output.statements,
          stillMissing: 0,
        },
      },
      {
        eventId: 'secrets-restore',
        outcome: 'success',
        meta: {
          items: [
            {
              role: 'read',
              action: 'create',
              secretsManagerStep: undefined,
              outcome: 'done',
            },
          ],
        },
      },
    ]);
  });

  it('lets a service act when idpPostgres.access.serviceSubjects lists it', async () => {
    platform.deleteKubernetesSecret(OWNED, 'read');
    const trusting = await platform.startBackend({
      permissions,
      config: platform.config({
        access: { serviceSubjects: ['external:ops-bot'] },
      }),
    });
    const restored = await invokeAction(
      trusting.server,
      'restore-postgres-secrets',
      OWNED,
      asService('external:ops-bot'),
    );
    expect(restored.status).toBe(200);
    expect(platform.readKubernetesSecret(OWNED, 'read')).toBeDefined();
    const applied = await invokeAction(
      trusting.server,
      'apply-postgres-grants',
      OWNED,
      asService('external:ops-bot'),
    );
    expect(applied.status).toBe(200);
    expect(applied.output.statements).toEqual([]);
    // Another service is still refused.
    const other = await invokeAction(
      trusting.server,
      'apply-postgres-grants',
      OWNED,
      asService('plugin:scaffolder'),
    );
    expect(other.status).toBe(403);
  });
});
