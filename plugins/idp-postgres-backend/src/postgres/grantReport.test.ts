import { buildGrantReport, fixSql } from './grantReport';
import type { PrivilegeRow } from './grantQuery';

const roles = {
  admin: 'ns-db-admin',
  write: 'ns-db-write',
  read: 'ns-db-read',
};

describe('buildGrantReport', () => {
  const complete: PrivilegeRow[] = (['write', 'read'] as const).flatMap(
    role => [
      {
        role,
        kind: 'schema',
        object: 'public',
        privilege: 'USAGE',
        granted: true,
      },
      {
        role,
        kind: 'schema',
        object: 'public',
        privilege: 'CREATE',
        granted: false,
      },
      ...(role === 'write'
        ? ['SELECT', 'INSERT', 'UPDATE', 'DELETE']
        : ['SELECT']
      ).map(privilege => ({
        role,
        kind: 'default-tables' as const,
        object: 'public',
        privilege,
        granted: true,
      })),
      ...(role === 'write' ? ['USAGE', 'SELECT', 'UPDATE'] : ['SELECT']).map(
        privilege => ({
          role,
          kind: 'default-sequences' as const,
          object: 'public',
          privilege,
          granted: true,
        }),
      ),
    ],
  );

  it('is clean when everything of the cheatsheet is granted', () => {
    const report = buildGrantReport('ns-db', roles, complete, new Date(0));
    expect(report).toEqual({
      database: 'ns-db',
      adminRole: 'ns-db-admin',
      missing: [],
      extra: [],
      fixSql: [],
      notOwnedByAdmin: [],
      checkedAt: '1970-01-01T00:00:00.000Z',
    });
  });

  it('lists tables and sequences the admin role does not own once each, with quoted ALTER … OWNER', () => {
    const row = (
      kind: 'table' | 'sequence',
      object: string,
      owner: string | null,
      privilege = 'SELECT',
    ): PrivilegeRow => ({
      role: 'read',
      kind,
      object,
      privilege,
      granted: false,
      owner,
    });
    const report = buildGrantReport('ns-db', roles, [
      ...complete,
      row('table', 'mine', 'ns-db-admin'),
      row('table', 'x"; DROP TABLE y; --', 'migrator'),
      row('table', 'x"; DROP TABLE y; --', 'migrator', 'INSERT'),
      row('sequence', 'free_numbers', 'migrator'),
      row('sequence', 'mine_id_seq', null),
    ]);
    expect(report.notOwnedByAdmin).toEqual([
      {
        kind: 'table',
        object: 'x"; DROP TABLE y; --',
        owner: 'migrator',
        fixSql:
          'ALTER TABLE "public"."x""; DROP TABLE y; --" OWNER TO "ns-db-admin";',
      },
      {
        kind: 'sequence',
        object: 'free_numbers',
        owner: 'migrator',
        fixSql:
          'ALTER SEQUENCE "public"."free_numbers" OWNER TO "ns-db-admin";',
      },
    ]);
  });

  it('lists a missing default privilege when its row is absent', () => {
    const rows = complete.filter(
      r => !(r.role === 'read' && r.kind === 'default-sequences'),
    );
    const report = buildGrantReport('ns-db', roles, rows);
    expect(report.missing).toEqual([
      {
        role: 'read',
        kind: 'default-sequences',
        object: 'public',
        privilege: 'SELECT',
      },
    ]);
    expect(report.fixSql).toEqual([
      'ALTER DEFAULT PRIVILEGES FOR ROLE "ns-db-admin" IN SCHEMA "public" GRANT SELECT ON SEQUENCES TO "ns-db-read";',
    ]);
  });

  it('lists privileges beyond the cheatsheet as extra, without fixing them', () => {
    const rows: PrivilegeRow[] = [
      ...complete,
      {
        role: 'read',
        kind: 'table',
        object: 't',
        privilege: 'SELECT',
        granted: true,
      },
      {
        role: 'read',
        kind: 'table',
        object: 't',
        privilege: 'DELETE',
        granted: true,
      },
      {
        role: 'write',
        kind: 'default-tables',
        object: 'public',
        privilege: 'TRUNCATE',
        granted: true,
      },
    ];
    const report = buildGrantReport('ns-db', roles, rows);
    expect(report.missing).toEqual([]);
    expect(report.extra).toEqual([
      { role: 'read', kind: 'table', object: 't', privilege: 'DELETE' },
      {
        role: 'write',
        kind: 'default-tables',
        object: 'public',
        privilege: 'TRUNCATE',
      },
    ]);
    expect(report.fixSql).toEqual([]);
  });
});

describe('fixSql', () => {
  it('quotes every identifier, even hostile ones', () => {
    const sql = fixSql(
      { admin: 'a"; DROP TABLE x; --', write: 'w', read: 'r"r' },
      [
        { role: 'read', kind: 'schema', object: 'public', privilege: 'USAGE' },
        {
          role: 'read',
          kind: 'default-tables',
          object: 'public',
          privilege: 'SELECT',
        },
      ],
    );
    expect(sql).toEqual([
      'GRANT USAGE ON SCHEMA "public" TO "r""r";',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "a""; DROP TABLE x; --" IN SCHEMA "public" GRANT SELECT ON TABLES TO "r""r";',
    ]);
  });
});
