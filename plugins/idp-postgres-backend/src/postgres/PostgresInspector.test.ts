import net from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
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
    it('reports what the platform leaves missing, with the manual’s SQL', async () => {
      const report = await inspector.grantReport(target, roleNames(), admin());
      expect(report.adminRole).toBe('idp-dev-grants-admin');
      const missing = (role: string, kind: string) =>
        report.missing
          .filter(m => m.role === role && m.kind === kind)
          .map(m => `${m.object}:${m.privilege}`)
          .sort();
      expect(missing('read', 'schema')).toEqual(['public:USAGE']);
      expect(missing('read', 'table')).toEqual([
        'Odd "Name":SELECT',
        'orders:SELECT',
      ]);
      expect(missing('write', 'table')).toHaveLength(8);
      expect(missing('read', 'sequence')).toEqual([
        'Odd "Name"_id_seq:SELECT',
        'invoice_numbers:SELECT',
        'orders_id_seq:SELECT',
      ]);
      expect(missing('write', 'sequence')).toHaveLength(9);
      expect(missing('write', 'default-tables')).toHaveLength(4);
      expect(missing('read', 'default-sequences')).toEqual(['public:SELECT']);
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
            kind: 'table',
            object: 'orders',
            privilege: 'TRUNCATE',
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
          .map(m => `${m.role}:${m.kind}:${m.object}`)
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
      await expect(
        inspector.applyGrants(target, roleNames(), notAdmin),
      ).rejects.toThrow(
        /Applying grants to idp-dev-grants as idp-dev-grants-write failed; nothing was changed/,
      );
      expect(await missingKinds()).toEqual(before);
      await inspector.applyGrants(target, roleNames(), admin());
      expect(await missingKinds()).toEqual([]);
    });

    it("fails with the reason when a table is not the admin role's to grant", async () => {
      await runAs(
        server,
        db,
        'admin',
        'GRANT CREATE ON SCHEMA public TO "idp-dev-grants-write"',
      );
      await runAs(
        server,
        db,
        'write',
        'CREATE TABLE written_by_write (id int)',
      );
      try {
        await expect(
          inspector.applyGrants(target, roleNames(), admin()),
        ).rejects.toThrow(/permission denied for table written_by_write/);
      } finally {
        await runAs(server, db, 'write', 'DROP TABLE written_by_write');
        await runAs(
          server,
          db,
          'admin',
          'REVOKE CREATE ON SCHEMA public FROM "idp-dev-grants-write"',
        );
      }
    });

    it("returns PostgreSQL's warnings for grants it could not give", async () => {
      await runAs(
        server,
        db,
        'admin',
        'GRANT CREATE ON SCHEMA public TO "idp-dev-grants-write"',
      );
      await runAs(
        server,
        db,
        'write',
        'CREATE TABLE shared_by_write (id int); GRANT SELECT ON shared_by_write TO "idp-dev-grants-admin"',
      );
      try {
        const result = await inspector.applyGrants(
          target,
          roleNames(),
          admin(),
        );
        expect(result.warnings).toContain(
          'no privileges were granted for "shared_by_write"',
        );
        expect(result.after.missing).toContainEqual({
          role: 'read',
          kind: 'table',
          object: 'shared_by_write',
          privilege: 'SELECT',
        });
      } finally {
        await runAs(server, db, 'write', 'DROP TABLE shared_by_write');
        await runAs(
          server,
          db,
          'admin',
          'REVOKE CREATE ON SCHEMA public FROM "idp-dev-grants-write"',
        );
      }
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
