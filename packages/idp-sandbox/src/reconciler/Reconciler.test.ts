import { SECRETS } from '../kubernetes/resourceTypes';
import { operations } from '../secretsManager/operations';
import { silentLogger } from '../logging/SandboxLogger';
import { testPostgres } from '../testing/testPostgres';
import { Condition } from './conditions';
import { applicationFiles, createTestPlatform } from './testFixtures';

type Platform = Awaited<ReturnType<typeof createTestPlatform>>;

describe('Reconciler against the sandbox PostgreSQL', () => {
  const info = testPostgres();
  let p: Platform;

  beforeEach(async () => {
    p = await createTestPlatform(info);
  });
  afterEach(() => p.cleanup());

  const loginAs = async (secret: Record<string, string>, database: string) =>
    (await p.queryAs(secret, database, 'SELECT current_user AS me'))[0].me;

  it('provisions database, roles, secrets and the resource as the platform does', async () => {
    await p.repo.commit(
      applicationFiles('rec-one', 'orders-db', '0.5.0', {
        postgresqlDatabases: [{ name: 'orders', deletionProtection: false }],
      }),
      'add orders',
    );
    await p.reconciler.reconcile();

    expect(
      p.events.map(e => e.conditions.find(c => c.type === 'Ready')!.reason),
    ).toEqual(['Creating', 'Available']);
    expect(p.events[0].conditions.find(c => c.type === 'Ready')!.message).toBe(
      'Unready resources: database, roles',
    );
    expect(p.conditions('rec-one', 'orders')).toEqual([
      'Ready=True/Available',
      'Synced=True/ReconcileSuccess',
    ]);

    const [db] = await p.superuserQuery(
      'postgres',
      `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'rec-one-orders'`,
    );
    expect(db.owner).toBe('rec-one-orders-admin');
    const [schema] = await p.superuserQuery(
      'rec-one-orders',
      `SELECT pg_get_userbyid(nspowner) AS owner,
              has_schema_privilege('rec-one-orders-read', 'public', 'USAGE') AS read_usage,
              has_schema_privilege('rec-one-orders-write', 'public', 'USAGE') AS write_usage
         FROM pg_namespace WHERE nspname = 'public'`,
    );
    expect(schema).toEqual({
      owner: 'rec-one-orders-admin',
      read_usage: false,
      write_usage: false,
    });

    for (const role of ['admin', 'write', 'read']) {
      const secret = p.secretValues('rec-one', `rec-one-orders-${role}`)!;
      expect(Object.keys(secret).sort()).toEqual([
        'endpoint',
        'password',
        'port',
        'username',
      ]);
      expect(secret.username).toBe(`rec-one-orders-${role}`);
      expect(await loginAs(secret, 'rec-one-orders')).toBe(
        `rec-one-orders-${role}`,
      );
      const stored = JSON.parse(
        (
          operations.GetSecretValue(p.secretsManager, {
            SecretId: `customer/rec-one/rec-one-orders-${role}`,
          }) as { SecretString: string }
        ).SecretString,
      );
      expect(stored.password).toBe(secret.password);
    }

    // A second pass changes nothing.
    const before = p.kubernetes.resourceVersion;
    await p.reconciler.reconcile();
    expect(p.kubernetes.resourceVersion).toBe(before);
  });

  it('keeps a protected database and its Secrets Manager secrets when removed, and restores secrets on re-add', async () => {
    const files = applicationFiles('rec-two', 'billing', '0.5.0', {
      postgresqlDatabases: [{ name: 'billing', deletionProtection: true }],
    });
    await p.repo.commit(files, 'add billing');
    await p.reconciler.reconcile();
    const adminBefore = p.secretValues('rec-two', 'rec-two-billing-admin')!;

    await p.repo.removeFolder('rec-two/billing', 'remove billing by accident');
    await p.reconciler.reconcile();
    expect(
      p.kubernetes.find(p.databaseResource, 'rec-two', 'billing'),
    ).toBeUndefined();
    expect(p.secretValues('rec-two', 'rec-two-billing-admin')).toBeUndefined();
    expect(
      await p.superuserQuery(
        'postgres',
        `SELECT 1 FROM pg_database WHERE datname = 'rec-two-billing'`,
      ),
    ).toHaveLength(1);
    expect(
      p.secretsManager.find('customer/rec-two/rec-two-billing-admin')
        ?.deletedDate,
    ).toBeUndefined();

    await p.repo.commit(files, 're-add billing');
    await p.reconciler.reconcile();
    const adminAfter = p.secretValues('rec-two', 'rec-two-billing-admin')!;
    expect(adminAfter.password).toBe(adminBefore.password);
    expect(await loginAs(adminAfter, 'rec-two-billing')).toBe(
      'rec-two-billing-admin',
    );
  });

  it('drops an unprotected database and force-deletes its secrets on chart 0.5.0', async () => {
    await p.repo.commit(
      applicationFiles('rec-three', 'tmp', '0.5.0', {
        postgresqlDatabases: [{ name: 'tmp', deletionProtection: false }],
      }),
      'add tmp',
    );
    await p.reconciler.reconcile();
    await p.repo.removeFolder('rec-three/tmp', 'remove tmp');
    await p.reconciler.reconcile();
    expect(
      await p.superuserQuery(
        'postgres',
        `SELECT 1 FROM pg_database WHERE datname = 'rec-three-tmp'`,
      ),
    ).toHaveLength(0);
    expect(
      await p.superuserQuery(
        'postgres',
        `SELECT 1 FROM pg_roles WHERE rolname LIKE 'rec-three-tmp-%'`,
      ),
    ).toHaveLength(0);
    expect(
      p.secretsManager.find('customer/rec-three/rec-three-tmp-read'),
    ).toBeUndefined();
    expect(
      p.kubernetes.find(SECRETS, 'rec-three', 'rec-three-tmp-read'),
    ).toBeUndefined();
  });

  it('soft-deletes secrets on chart 0.4.1, so re-adding fails until they are force-deleted', async () => {
    const files = applicationFiles('rec-four', 'legacy', '0.4.1', {
      postgresqlDatabases: [{ name: 'legacy' }],
    });
    await p.repo.commit(files, 'add legacy');
    await p.reconciler.reconcile();
    await p.repo.removeFolder('rec-four/legacy', 'remove legacy');
    await p.reconciler.reconcile();
    expect(
      p.secretsManager.find('customer/rec-four/rec-four-legacy-admin')
        ?.deletedDate,
    ).toBeDefined();

    await p.repo.commit(files, 're-add legacy');
    await p.reconciler.reconcile();
    const failed = p.conditions('rec-four', 'legacy');
    expect(failed[1]).toBe(
      'Synced=False/ReconcileError: cannot create Secrets Manager secret customer/rec-four/rec-four-legacy-admin: ' +
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
    );
    expect(failed[0]).toMatch(/^Ready=False\/Unavailable/);

    for (const role of ['admin', 'write', 'read']) {
      operations.DeleteSecret(p.secretsManager, {
        SecretId: `customer/rec-four/rec-four-legacy-${role}`,
        ForceDeleteWithoutRecovery: true,
      });
    }
    await p.reconciler.reconcile();
    expect(p.conditions('rec-four', 'legacy')).toEqual([
      'Ready=True/Available',
      'Synced=True/ReconcileSuccess',
    ]);
  });

  it.each([
    [
      'an unknown top-level key',
      '0.5.0',
      { postgresqlDatabases: [{ name: 'db' }], replicas: 2 },
      'additional property "replicas" is not allowed',
    ],
    [
      'a key of another chart version',
      '1.0.4',
      { postgresqlDatabases: [{ name: 'db', deletionProtection: true }] },
      'chart 1.0.4 does not know the key "deletionProtection"',
    ],
    [
      'a bad name',
      '0.5.0',
      { postgresqlDatabases: [{ name: 'Bad_DB' }] },
      'Database name "Bad_DB" contains an underscore',
    ],
    [
      'an unknown chart version',
      '0.9.9',
      { postgresqlDatabases: [{ name: 'db' }] },
      'version "0.9.9" not found',
    ],
  ])(
    'reports %s as Synced=False and provisions nothing',
    async (_, version, values, message) => {
      await p.repo.commit(
        applicationFiles('rec-five', 'bad', version, values),
        'bad values',
      );
      await p.reconciler.reconcile();
      const crs = p.kubernetes.list(p.databaseResource, 'rec-five');
      expect(crs).toHaveLength(1);
      const synced = (
        crs[0].status as { conditions: Condition[] }
      ).conditions.find(c => c.type === 'Synced')!;
      expect(synced.status).toBe('False');
      expect(synced.message).toContain(message);
      expect(
        await p.superuserQuery(
          'postgres',
          `SELECT 1 FROM pg_database WHERE datname LIKE 'rec-five-%'`,
        ),
      ).toHaveLength(0);
    },
  );

  it('keeps an existing database when its values become invalid', async () => {
    await p.repo.commit(
      applicationFiles('rec-six', 'keep', '0.5.0', {
        postgresqlDatabases: [{ name: 'keep', deletionProtection: false }],
      }),
      'add keep',
    );
    await p.reconciler.reconcile();
    await p.repo.commit(
      applicationFiles('rec-six', 'keep', '0.5.0', {
        postgresqlDatabases: [{ name: 'keep', deletionProtection: 'yes' }],
      }),
      'break keep',
    );
    await p.reconciler.reconcile();
    expect(p.conditions('rec-six', 'keep')[0]).toBe('Ready=True/Available');
    expect(p.conditions('rec-six', 'keep')[1]).toMatch(
      /^Synced=False\/ReconcileError: .*deletionProtection must be true or false/,
    );
    expect(
      await p.superuserQuery(
        'postgres',
        `SELECT 1 FROM pg_database WHERE datname = 'rec-six-keep'`,
      ),
    ).toHaveLength(1);
    expect(p.secretValues('rec-six', 'rec-six-keep-admin')).toBeDefined();
  });

  it('logs a steady failure once, and again only when it changes', async () => {
    const warnings: string[] = [];
    const logger = {
      ...silentLogger,
      warn: (message: string, meta?: Record<string, unknown>) =>
        warnings.push(`${message}: ${String(meta?.error)}`),
    };
    const q = await createTestPlatform(info, logger);
    try {
      const commit = (values: unknown) =>
        q.repo.commit(
          applicationFiles('rec-warn', 'app', '0.5.0', values),
          'values',
        );
      await commit({ postgresqlDatabases: [{ name: 'db' }], replicas: 2 });
      await q.reconciler.reconcile();
      await q.reconciler.reconcile();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('replicas');

      await commit({ postgresqlDatabases: [{ name: 'db' }], shards: 2 });
      await q.reconciler.reconcile();
      await q.reconciler.reconcile();
      expect(warnings).toHaveLength(2);
      expect(warnings[1]).toContain('shards');
    } finally {
      q.cleanup();
    }
  });
});
