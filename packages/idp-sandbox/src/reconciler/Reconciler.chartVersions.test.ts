import { operations } from '../secretsManager/operations';
import { testPostgres } from '../testing/testPostgres';
import { applicationFiles, createTestPlatform } from './testFixtures';

type Platform = Awaited<ReturnType<typeof createTestPlatform>>;

const ROLES = ['admin', 'write', 'read'];
const SCHEDULED =
  "You can't create this secret because a secret with this name is already scheduled for deletion.";

/**
 * The manual's upgrade guide: 0.4.1 to 0.5.0 recreates the resources and the
 * data is lost, and the soft-deleted secrets of 0.4.1 must be force-deleted
 * before the new resource can be created.
 */
describe('Reconciler on chart version changes', () => {
  const info = testPostgres();
  let p: Platform;

  beforeEach(async () => {
    p = await createTestPlatform(info);
  });
  afterEach(() => p.cleanup());

  const commit = (
    namespace: string,
    version: string,
    entry: Record<string, unknown>,
  ) =>
    p.repo.commit(
      applicationFiles(namespace, 'shop', version, {
        postgresqlDatabases: [{ name: 'shop', ...entry }],
      }),
      `shop on chart ${version}`,
    );

  const resource = (namespace: string) =>
    p.kubernetes.find(p.databaseResource, namespace, 'shop');

  /** Creates a table with one row as the admin role, as an app would. */
  async function writeRow(namespace: string) {
    const admin = p.secretValues(namespace, `${namespace}-shop-admin`)!;
    await p.queryAs(admin, `${namespace}-shop`, 'CREATE TABLE orders (id int)');
    await p.queryAs(
      admin,
      `${namespace}-shop`,
      'INSERT INTO orders VALUES (42)',
    );
    return admin;
  }

  /** Everything PostgreSQL, Kubernetes and Secrets Manager hold of the database. */
  async function whatExists(namespace: string) {
    const database = `${namespace}-shop`;
    return {
      database: (
        await p.superuserQuery(
          'postgres',
          'SELECT 1 FROM pg_database WHERE datname = $1',
          [database],
        )
      ).length,
      roles: (
        await p.superuserQuery(
          'postgres',
          'SELECT 1 FROM pg_roles WHERE rolname LIKE $1',
          [`${database}-%`],
        )
      ).length,
      kubernetesSecrets: ROLES.filter(r =>
        p.secretValues(namespace, `${database}-${r}`),
      ),
      secretsManager: ROLES.map(r => {
        const secret = p.secretsManager.find(
          `customer/${namespace}/${database}-${r}`,
        );
        if (!secret) return 'gone';
        return secret.deletedDate === undefined ? 'active' : 'scheduled';
      }),
    };
  }

  const NOTHING_BUT_SCHEDULED = {
    database: 0,
    roles: 0,
    kubernetesSecrets: [],
    secretsManager: ['scheduled', 'scheduled', 'scheduled'],
  };

  const refusedOn = (namespace: string, role: string) => {
    const message = `cannot create Secrets Manager secret customer/${namespace}/${namespace}-shop-${role}: ${SCHEDULED}`;
    return [
      `Ready=False/Unavailable: ${message}`,
      `Synced=False/ReconcileError: ${message}`,
    ];
  };

  const forceDelete = (namespace: string, roles: string[]) => {
    for (const role of roles) {
      operations.DeleteSecret(p.secretsManager, {
        SecretId: `customer/${namespace}/${namespace}-shop-${role}`,
        ForceDeleteWithoutRecovery: true,
      });
    }
  };

  /** The database is there, empty, and the admin's password is new. */
  async function expectFreshDatabase(
    namespace: string,
    oldAdmin: Record<string, string>,
  ) {
    expect(p.conditions(namespace, 'shop')).toEqual([
      'Ready=True/Available',
      'Synced=True/ReconcileSuccess',
    ]);
    const admin = p.secretValues(namespace, `${namespace}-shop-admin`)!;
    expect(admin.password).not.toBe(oldAdmin.password);
    const [{ tables }] = await p.queryAs(
      admin,
      `${namespace}-shop`,
      `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(tables).toBe(0);
    await expect(
      p.queryAs(oldAdmin, `${namespace}-shop`, 'SELECT 1'),
    ).rejects.toThrow(/password authentication failed/);
  }

  it('bumping 0.4.1 to 0.5.0 in place drops the data, and the new resource waits for the force-delete', async () => {
    await commit('ver-bump', '0.4.1', {});
    await p.reconciler.reconcile();
    const oldAdmin = await writeRow('ver-bump');
    const oldUid = resource('ver-bump')!.metadata.uid;

    await commit('ver-bump', '0.5.0', { deletionProtection: false });
    await p.reconciler.reconcile();

    // The 0.4.1 resource went the way its chart removes it: database and
    // roles dropped, Secrets Manager secrets only scheduled for deletion.
    // The new one could create nothing.
    expect(await whatExists('ver-bump')).toEqual(NOTHING_BUT_SCHEDULED);
    expect(p.conditions('ver-bump', 'shop')).toEqual(
      refusedOn('ver-bump', 'admin'),
    );
    expect(resource('ver-bump')!.metadata.uid).not.toBe(oldUid);
    expect(resource('ver-bump')!.spec).toMatchObject({
      chartVersion: '0.5.0',
    });

    // It stays so, pass after pass, until someone force-deletes.
    await p.reconciler.reconcile();
    expect(await whatExists('ver-bump')).toEqual(NOTHING_BUT_SCHEDULED);

    forceDelete('ver-bump', ROLES);
    await p.reconciler.reconcile();
    await expectFreshDatabase('ver-bump', oldAdmin);
  });

  it("the manual's procedure: remove, force-delete, re-add with 0.5.0; skipping the force-delete fails", async () => {
    await commit('ver-steps', '0.4.1', {});
    await p.reconciler.reconcile();
    const oldAdmin = await writeRow('ver-steps');

    // (1) Delete the database from the apps repo.
    await p.repo.removeFolder('ver-steps/shop', 'remove shop');
    await p.reconciler.reconcile();
    expect(resource('ver-steps')).toBeUndefined();
    expect(await whatExists('ver-steps')).toEqual(NOTHING_BUT_SCHEDULED);

    // (3) without (2): the reason the manual has step (2).
    await commit('ver-steps', '0.5.0', { deletionProtection: false });
    await p.reconciler.reconcile();
    expect(p.conditions('ver-steps', 'shop')).toEqual(
      refusedOn('ver-steps', 'admin'),
    );
    expect(await whatExists('ver-steps')).toEqual(NOTHING_BUT_SCHEDULED);

    // (2) half done: one scheduled name still stops everything.
    forceDelete('ver-steps', ['admin', 'write']);
    await p.reconciler.reconcile();
    expect(p.conditions('ver-steps', 'shop')).toEqual(
      refusedOn('ver-steps', 'read'),
    );
    expect(await whatExists('ver-steps')).toEqual({
      ...NOTHING_BUT_SCHEDULED,
      secretsManager: ['gone', 'gone', 'scheduled'],
    });

    forceDelete('ver-steps', ['read']);
    await p.reconciler.reconcile();
    await expectFreshDatabase('ver-steps', oldAdmin);
  });

  it('moving an unprotected 0.5.0 database back to 0.4.1 recreates it at once: 0.5.0 force-deletes its secrets', async () => {
    await commit('ver-down', '0.5.0', { deletionProtection: false });
    await p.reconciler.reconcile();
    const oldAdmin = await writeRow('ver-down');

    await commit('ver-down', '0.4.1', {});
    await p.reconciler.reconcile();
    await expectFreshDatabase('ver-down', oldAdmin);
    expect(resource('ver-down')!.spec).toMatchObject({ chartVersion: '0.4.1' });
  });

  it('a protected 0.5.0 database moved back to 0.4.1 is kept: the new resource takes over what protection left', async () => {
    await commit('ver-orphan', '0.5.0', { deletionProtection: true });
    await p.reconciler.reconcile();
    const admin = await writeRow('ver-orphan');
    const uid = resource('ver-orphan')!.metadata.uid;

    await commit('ver-orphan', '0.4.1', {});
    await p.reconciler.reconcile();

    expect(p.conditions('ver-orphan', 'shop')).toEqual([
      'Ready=True/Available',
      'Synced=True/ReconcileSuccess',
    ]);
    expect(resource('ver-orphan')!.metadata.uid).not.toBe(uid);
    expect(p.secretValues('ver-orphan', 'ver-orphan-shop-admin')).toEqual(
      admin,
    );
    expect(
      await p.queryAs(admin, 'ver-orphan-shop', 'SELECT id FROM orders'),
    ).toEqual([{ id: 42 }]);
  });

  it('keeps the data of a protected 0.5.0 database moved to 1.0.4: the same resource API', async () => {
    await commit('ver-keep', '0.5.0', { deletionProtection: true });
    await p.reconciler.reconcile();
    const admin = await writeRow('ver-keep');
    const uid = resource('ver-keep')!.metadata.uid;

    await commit('ver-keep', '1.0.4', { mode: 'protected' });
    await p.reconciler.reconcile();

    expect(p.conditions('ver-keep', 'shop')).toEqual([
      'Ready=True/Available',
      'Synced=True/ReconcileSuccess',
    ]);
    expect(resource('ver-keep')!.metadata.uid).toBe(uid);
    expect(resource('ver-keep')!.spec).toEqual({
      name: 'shop',
      chartVersion: '1.0.4',
      deletionProtection: true,
    });
    expect(p.secretValues('ver-keep', 'ver-keep-shop-admin')).toEqual(admin);
    expect(
      await p.queryAs(admin, 'ver-keep-shop', 'SELECT id FROM orders'),
    ).toEqual([{ id: 42 }]);
  });
});
