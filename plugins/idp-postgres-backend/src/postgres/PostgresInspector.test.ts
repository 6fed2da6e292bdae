import net from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { Client } from 'pg';
import { superuserClientConfig, testPostgres } from '@jppol-idp/idp-sandbox';
import {
  PlatformDatabase,
  createPlatformDatabase,
  openConnections,
  runAs,
} from '../__testUtils__/sandboxPostgres';
import { classifyLoginError } from './classifyLoginError';
import { PostgresInspector, PostgresTarget } from './PostgresInspector';

const server = testPostgres();
const logger = mockServices.logger.mock();

async function asSuperuser(database: string, sql: string): Promise<void> {
  const client = new Client(superuserClientConfig(server, database));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('PostgresInspector against the TLS-only PostgreSQL', () => {
  let db: PlatformDatabase;
  let target: PostgresTarget;
  let inspector: PostgresInspector;
  const roleNames = () => db.roles;
  const admin = () => ({
    username: db.roles.admin,
    password: db.passwords.admin,
  });

  beforeAll(async () => {
    db = await createPlatformDatabase(server, {
      namespace: 'idp-dev',
      name: 'grants',
    });
    target = {
      host: server.host,
      port: server.port,
      database: db.database,
      ssl: {
        mode: 'verify-full',
        caFile: 'sandbox',
        ca: server.caCert,
        servername: 'localhost',
      },
    };
    await runAs(
      server,
      db,
      'admin',
      `CREATE TABLE orders (id serial PRIMARY KEY, item text);
       CREATE TABLE "Odd ""Name""" (id bigint GENERATED ALWAYS AS IDENTITY, v int);
       CREATE SEQUENCE invoice_numbers;`,
    );
  });

  beforeEach(() => {
    inspector = new PostgresInspector({
      logger,
      timeoutMs: 2000,
      idleTimeoutMs: 50,
    });
  });

  afterEach(async () => {
    await inspector.close();
  });

  describe('login checks', () => {
    it.each(['admin', 'write', 'read'] as const)(
      'logs in as %s over verified TLS',
      async role => {
        await expect(
          inspector.checkLogin(target, {
            username: db.roles[role],
            password: db.passwords[role],
          }),
        ).resolves.toEqual({ ok: true });
      },
    );

    it('logs in with no-verify (encrypted, certificate unchecked)', async () => {
      await expect(
        inspector.checkLogin(
          { ...target, ssl: { mode: 'no-verify' } },
          admin(),
        ),
      ).resolves.toEqual({ ok: true });
    });

    it('classifies a wrong password without repeating it', async () => {
      const result = await inspector.checkLogin(target, {
        username: db.roles.read,
        password: 'not-the-password-xyz',
      });
      expect(result).toMatchObject({ ok: false, failure: 'wrong-password' });
      expect(JSON.stringify(result)).not.toContain('not-the-password-xyz');
    });

    it('classifies an unknown database', async () => {
      const result = await inspector.checkLogin(
        { ...target, database: 'idp-dev-nonexistent' },
        admin(),
      );
      expect(result).toMatchObject({ ok: false, failure: 'unknown-database' });
    });

    it('classifies a refused connection', async () => {
      const closed = net.createServer();
      await new Promise<void>(resolve =>
        closed.listen(0, '127.0.0.1', resolve),
      );
      const port = (closed.address() as net.AddressInfo).port;
      await new Promise(resolve => closed.close(resolve));
      const result = await inspector.checkLogin({ ...target, port }, admin());
      expect(result).toMatchObject({ ok: false, failure: 'refused' });
    });

    it('classifies a server that never answers as a timeout', async () => {
      const sockets: net.Socket[] = [];
      const silent = net.createServer(socket => sockets.push(socket));
      await new Promise<void>(resolve =>
        silent.listen(0, '127.0.0.1', resolve),
      );
      const port = (silent.address() as net.AddressInfo).port;
      const quick = new PostgresInspector({ logger, timeoutMs: 200 });
      try {
        const result = await quick.checkLogin({ ...target, port }, admin());
        expect(result).toMatchObject({ ok: false, failure: 'timeout' });
      } finally {
        await quick.close();
        sockets.forEach(socket => socket.destroy());
        await new Promise(resolve => silent.close(resolve));
      }
    });

    it('classifies a certificate from an untrusted CA', async () => {
      const result = await inspector.checkLogin(
        {
          ...target,
          ssl: {
            mode: 'verify-full',
            caFile: 'x',
            ca: undefined as unknown as string,
          },
        },
        admin(),
      );
      expect(result).toMatchObject({ ok: false, failure: 'tls' });
    });

    it('classifies the real error of a plain connection as SSL required', async () => {
      const plain = new Client({
        ...superuserClientConfig(server, db.database),
        user: db.roles.read,
        password: db.passwords.read,
        ssl: false,
      });
      const error = await plain.connect().then(
        () => undefined,
        e => e,
      );
      await plain.end().catch(() => {});
      expect(
        classifyLoginError(error, {
          username: db.roles.read,
          database: db.database,
        }),
      ).toMatchObject({ failure: 'ssl-required' });
    });

    it('leaves no connection open after a login check', async () => {
      await inspector.checkLogin(target, {
        username: db.roles.write,
        password: db.passwords.write,
      });
      expect(await openConnections(server, db.roles.write)).toBe(0);
    });
  });

  describe('grants', () => {
    it('reports what the platform leaves missing, grouped, with the manual’s SQL', async () => {
      const report = await inspector.grantReport(target, roleNames(), admin());
      expect(report.adminRole).toBe('idp-dev-grants-admin');
      expect(report.objects).toEqual({ tables: 2, sequences: 3 });
      const missing = (role: string, kind: string) =>
        report.missing
          .filter(m => m.role === role && m.kind === kind)
          .map(m => `${m.privilege} ×${m.count}: ${m.samples.join(', ')}`);
      expect(missing('read', 'schema')).toEqual(['USAGE ×1: public']);
      // Byte order: upper case before lower case.
      expect(missing('read', 'table')).toEqual([
        'SELECT ×2: Odd "Name", orders',
      ]);
      expect(missing('write', 'table')).toEqual(
        ['SELECT', 'INSERT', 'UPDATE', 'DELETE'].map(
          p => `${p} ×2: Odd "Name", orders`,
        ),
      );
      expect(missing('read', 'sequence')).toEqual([
        'SELECT ×3: Odd "Name"_id_seq, invoice_numbers, orders_id_seq',
      ]);
      expect(missing('write', 'sequence')).toHaveLength(3);
      expect(missing('write', 'default-tables')).toHaveLength(4);
      expect(missing('read', 'default-sequences')).toEqual([
        'SELECT ×1: public',
      ]);
      expect(report.notOwnedByAdmin).toMatchObject({
        count: 0,
        ownerCount: 0,
        owners: [],
      });
      expect(report.extra).toEqual([]);
      expect(report.fixSql).toEqual([
        'GRANT USAGE ON SCHEMA "public" TO "idp-dev-grants-write";',
        'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "public" TO "idp-dev-grants-write";',
        'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "public" TO "idp-dev-grants-write";',
        'ALTER DEFAULT PRIVILEGES FOR ROLE "idp-dev-grants-admin" IN SCHEMA "public" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "idp-dev-grants-write";',
        'ALTER DEFAULT PRIVILEGES FOR ROLE "idp-dev-grants-admin" IN SCHEMA "public" GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "idp-dev-grants-write";',
        'GRANT USAGE ON SCHEMA "public" TO "idp-dev-grants-read";',
        'GRANT SELECT ON ALL TABLES IN SCHEMA "public" TO "idp-dev-grants-read";',
        'GRANT SELECT ON ALL SEQUENCES IN SCHEMA "public" TO "idp-dev-grants-read";',
        'ALTER DEFAULT PRIVILEGES FOR ROLE "idp-dev-grants-admin" IN SCHEMA "public" GRANT SELECT ON TABLES TO "idp-dev-grants-read";',
        'ALTER DEFAULT PRIVILEGES FOR ROLE "idp-dev-grants-admin" IN SCHEMA "public" GRANT SELECT ON SEQUENCES TO "idp-dev-grants-read";',
      ]);
    });

    it('applies the grants in one go, idempotently, and the roles can work', async () => {
      const first = await inspector.applyGrants(target, roleNames(), admin());
      expect(first.statements).toHaveLength(10);
      expect(first.after.missing).toEqual([]);
      expect(first.after.fixSql).toEqual([]);

      const second = await inspector.applyGrants(target, roleNames(), admin());
      expect(second.statements).toEqual([]);
      expect(second.after.missing).toEqual([]);

      await runAs(
        server,
        db,
        'write',
        `INSERT INTO orders (item) VALUES ('book')`,
      );
      await expect(
        runAs(server, db, 'read', 'SELECT item FROM orders'),
      ).resolves.toEqual([{ item: 'book' }]);
      await expect(
        runAs(server, db, 'read', `INSERT INTO orders (item) VALUES ('no')`),
      ).rejects.toThrow(/permission denied/);
    });

    it('covers tables the admin creates later through default privileges', async () => {
      await runAs(
        server,
        db,
        'admin',
        'CREATE TABLE later (id serial PRIMARY KEY)',
      );
      const report = await inspector.grantReport(target, roleNames(), admin());
      expect(report.missing).toEqual([]);
    });

    it('reports privileges beyond the cheatsheet as extra, and does not fix them', async () => {
      await runAs(
        server,
        db,
        'admin',
        'GRANT TRUNCATE ON orders TO "idp-dev-grants-read"',
      );
      try {
        const report = await inspector.grantReport(
          target,
          roleNames(),
          admin(),
        );
        expect(report.extra).toEqual([
          {
            role: 'read',
            privilege: 'TRUNCATE',
            kind: 'table',
            count: 1,
            samples: ['orders'],
          },
        ]);
        expect(report.fixSql).toEqual([]);
      } finally {
        await runAs(
          server,
          db,
          'admin',
          'REVOKE TRUNCATE ON orders FROM "idp-dev-grants-read"',
        );
      }
    });

    it('fails as a whole when a statement fails, changing nothing', async () => {
      await runAs(
        server,
        db,
        'admin',
        'REVOKE SELECT ON orders FROM "idp-dev-grants-read"',
      );
      await runAs(
        server,
        db,
        'admin',
        'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM "idp-dev-grants-read"',
      );
      const missingKinds = async () =>
        (await inspector.grantReport(target, roleNames(), admin())).missing
          .map(m => `${m.role}:${m.kind}:${m.samples.join(',')}`)
          .sort();
      const before = await missingKinds();
      expect(before).toEqual([
        'read:default-tables:public',
        'read:table:orders',
      ]);
      // Logged in as write, the GRANT is a no-op but the admin's ALTER
      // DEFAULT PRIVILEGES is refused, so the transaction rolls back.
      const notAdmin = {
        username: db.roles.write,
        password: db.passwords.write,
      };
      // Refused by PostgreSQL: a conflict to look at, not a server fault.
      const refused = inspector.applyGrants(target, roleNames(), notAdmin);
      await expect(refused).rejects.toThrow(ConflictError);
      await expect(refused).rejects.toThrow(
        /Applying grants to idp-dev-grants as idp-dev-grants-write failed; nothing was changed\. PostgreSQL refused a grant: permission denied/,
      );
      expect(await missingKinds()).toEqual(before);
      await inspector.applyGrants(target, roleNames(), admin());
      expect(await missingKinds()).toEqual([]);
    });

    describe('with objects the admin role does not own', () => {
      beforeEach(async () => {
        await runAs(
          server,
          db,
          'admin',
          `GRANT CREATE ON SCHEMA public TO "idp-dev-grants-write";
           REVOKE SELECT ON orders FROM "idp-dev-grants-read";
           REVOKE UPDATE ON invoice_numbers FROM "idp-dev-grants-write";`,
        );
      });

      afterEach(async () => {
        // As the master user: the objects may have changed owner.
        await asSuperuser(
          db.database,
          `DROP VIEW IF EXISTS view_by_write;
           DROP TABLE IF EXISTS written_by_write, shared_by_write;`,
        );
        await runAs(
          server,
          db,
          'admin',
          'REVOKE CREATE ON SCHEMA public FROM "idp-dev-grants-write"',
        );
      });

      it('grants everything else and names what it left out', async () => {
        // A table (with its serial sequence) the admin role holds nothing
        // on: PostgreSQL refuses a GRANT … ON ALL TABLES outright.
        await runAs(
          server,
          db,
          'write',
          'CREATE TABLE written_by_write (id serial PRIMARY KEY)',
        );
        const result = await inspector.applyGrants(
          target,
          roleNames(),
          admin(),
        );
        // Write's sequences, read's tables and read's sequences.
        expect(result.statements).toEqual([
          expect.stringMatching(
            /^DO \$grant\$\n.*ON SEQUENCE %s TO %I', relation, 'idp-dev-grants-write'\);/s,
          ),
          expect.stringMatching(
            /^DO \$grant\$\n.*ON TABLE %s TO %I', relation, 'idp-dev-grants-read'\);/s,
          ),
          expect.stringMatching(
            /^DO \$grant\$\n.*ON SEQUENCE %s TO %I', relation, 'idp-dev-grants-read'\);/s,
          ),
        ]);
        expect(result.warnings).toEqual([]);
        const leftOut = {
          count: 1,
          ownerCount: 1,
          owners: [
            {
              owner: 'idp-dev-grants-write',
              count: 1,
              samples: [
                {
                  kind: 'table',
                  object: 'written_by_write',
                  owner: 'idp-dev-grants-write',
                  fixSql:
                    'ALTER TABLE "public"."written_by_write" OWNER TO "idp-dev-grants-admin";',
                },
              ],
            },
          ],
          listSql: expect.any(String),
        };
        expect(result.skipped).toEqual(leftOut);
        expect(result.after.notOwnedByAdmin).toEqual(leftOut);
        // Only the left-out objects still miss anything.
        expect(
          result.after.missing.map(
            m => `${m.role} ${m.privilege} ${m.kind} ${m.samples.join(',')}`,
          ),
        ).toEqual([
          'read SELECT table written_by_write',
          'read SELECT sequence written_by_write_id_seq',
        ]);
        // The revoked privileges are back: SELECT for read, UPDATE (setval) for write.
        await expect(
          runAs(server, db, 'read', 'SELECT true AS ok FROM orders LIMIT 1'),
        ).resolves.toEqual([{ ok: true }]);
        await expect(
          runAs(server, db, 'write', "SELECT setval('invoice_numbers', 10)"),
        ).resolves.toEqual([{ setval: '10' }]);
      });

      it('leaves out a table shared with the admin role but not owned, without warnings', async () => {
        await runAs(
          server,
          db,
          'write',
          'CREATE TABLE shared_by_write (id int); GRANT SELECT ON shared_by_write TO "idp-dev-grants-admin"',
        );
        const result = await inspector.applyGrants(
          target,
          roleNames(),
          admin(),
        );
        expect(result.warnings).toEqual([]);
        expect(result.skipped?.count).toBe(1);
        expect(result.after.missing).toContainEqual({
          role: 'read',
          privilege: 'SELECT',
          kind: 'table',
          count: 1,
          samples: ['shared_by_write'],
        });
      });

      it('lists every one of them with the query it gives a person to run', async () => {
        await runAs(
          server,
          db,
          'write',
          `CREATE TABLE written_by_write (id serial PRIMARY KEY);
           CREATE VIEW view_by_write AS SELECT 1 AS one;`,
        );
        const report = await inspector.grantReport(
          target,
          roleNames(),
          admin(),
        );
        expect(report.notOwnedByAdmin.count).toBe(2);
        const listed = await runAs(
          server,
          db,
          'read',
          report.notOwnedByAdmin.listSql,
        );
        expect(listed).toEqual([
          {
            object: 'view_by_write',
            owner: 'idp-dev-grants-write',
            statement:
              'ALTER VIEW public.view_by_write OWNER TO "idp-dev-grants-admin";',
          },
          {
            object: 'written_by_write',
            owner: 'idp-dev-grants-write',
            statement:
              'ALTER TABLE public.written_by_write OWNER TO "idp-dev-grants-admin";',
          },
        ]);
        // The statements hand the objects over, as the master user may.
        await asSuperuser(
          db.database,
          (listed as Array<{ statement: string }>)
            .map(row => row.statement)
            .join('\n'),
        );
        const after = await inspector.applyGrants(target, roleNames(), admin());
        expect(after.skipped).toBeUndefined();
        expect(after.after.missing).toEqual([]);
      });
    });

    it('answers 503 with the classified reason when the admin cannot log in', async () => {
      await expect(
        inspector.grantReport(target, roleNames(), {
          ...admin(),
          password: 'wrong',
        }),
      ).rejects.toThrow(ServiceUnavailableError);
      await expect(
        inspector.grantReport(target, roleNames(), {
          ...admin(),
          password: 'wrong',
        }),
      ).rejects.toThrow(/the Kubernetes secret no longer matches/);
    });

    it('closes pooled connections once idle and on close', async () => {
      await inspector.grantReport(target, roleNames(), admin());
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(await openConnections(server, db.roles.admin)).toBe(0);
      await Promise.all([
        inspector.grantReport(target, roleNames(), admin()),
        inspector.grantReport(target, roleNames(), admin()),
        inspector.grantReport(target, roleNames(), admin()),
      ]);
      expect(await openConnections(server, db.roles.admin)).toBeLessThanOrEqual(
        2,
      );
      await inspector.close();
      expect(await openConnections(server, db.roles.admin)).toBe(0);
    });
  });
});
