import { buildGrantReport, fixSql } from './grantReport';
import type { OwnerRow, PrivilegeGroupRow } from './grantQuery';
import { applyStatements } from './grantReportApply';

const roles = {
  admin: 'ns-db-admin',
  write: 'ns-db-write',
  read: 'ns-db-read',
};

const row = (
  role: PrivilegeGroupRow['role'],
  kind: PrivilegeGroupRow['kind'],
  privilege: string,
  granted: boolean,
  count = 1,
  samples = ['public'],
): PrivilegeGroupRow => ({ role, kind, privilege, granted, count, samples });

/** Every default privilege of the cheatsheet granted, schema usage too. */
const complete: PrivilegeGroupRow[] = (['write', 'read'] as const).flatMap(
  role => [
    row(role, 'schema', 'USAGE', true),
    row(role, 'schema', 'CREATE', false),
    ...(role === 'write'
      ? ['SELECT', 'INSERT', 'UPDATE', 'DELETE']
      : ['SELECT']
    ).map(privilege => row(role, 'default-tables', privilege, true)),
    ...(role === 'write' ? ['USAGE', 'SELECT', 'UPDATE'] : ['SELECT']).map(
      privilege => row(role, 'default-sequences', privilege, true),
    ),
  ],
);

describe('buildGrantReport', () => {
  it('is clean when everything of the cheatsheet is granted', () => {
    const report = buildGrantReport('ns-db', roles, complete, [], new Date(0));
    expect(report).toEqual({
      database: 'ns-db',
      adminRole: 'ns-db-admin',
      objects: { tables: 0, sequences: 0 },
      missing: [],
      extra: [],
      fixSql: [],
      notOwnedByAdmin: {
        count: 0,
        ownerCount: 0,
        owners: [],
        listSql: expect.stringContaining(
          "pg_get_userbyid(c.relowner) <> 'ns-db-admin'",
        ),
      },
      checkedAt: '1970-01-01T00:00:00.000Z',
    });
  });

  it('keeps the groups the query counted, sorted by role, kind and privilege, and counts the objects', () => {
    const tables = ['a', 'b', 'c', 'd', 'e'];
    const report = buildGrantReport(
      'ns-db',
      roles,
      [
        ...complete,
        row('read', 'table', 'SELECT', false, 1000, tables),
        row('write', 'table', 'SELECT', false, 1000, tables),
        row('write', 'table', 'INSERT', false, 998, tables),
        row('write', 'table', 'INSERT', true, 2, ['x', 'y']),
        // Granted beyond the cheatsheet, and not granted where not expected.
        row('read', 'table', 'DELETE', true, 3, ['a', 'b', 'c']),
        row('read', 'table', 'DELETE', false, 997, tables),
      ],
      [],
    );
    expect(report.objects).toEqual({ tables: 1000, sequences: 0 });
    expect(report.missing).toEqual([
      {
        role: 'write',
        privilege: 'SELECT',
        kind: 'table',
        count: 1000,
        samples: tables,
      },
      {
        role: 'write',
        privilege: 'INSERT',
        kind: 'table',
        count: 998,
        samples: tables,
      },
      {
        role: 'read',
        privilege: 'SELECT',
        kind: 'table',
        count: 1000,
        samples: tables,
      },
    ]);
    expect(report.extra).toEqual([
      {
        role: 'read',
        privilege: 'DELETE',
        kind: 'table',
        count: 3,
        samples: ['a', 'b', 'c'],
      },
    ]);
    expect(report.fixSql).toEqual([
      'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "public" TO "ns-db-write";',
      'GRANT SELECT ON ALL TABLES IN SCHEMA "public" TO "ns-db-read";',
    ]);
  });

  it('counts objects the admin role does not own per owner, with quoted ALTER … OWNER samples', () => {
    const owners: OwnerRow[] = [
      {
        owner: 'migrator',
        count: 99,
        samples: [
          { name: 'x"; DROP TABLE y; --', relkind: 'r' },
          { name: 'report', relkind: 'v' },
          { name: 'free_numbers', relkind: 'S' },
        ],
      },
      { owner: 'postgres', count: 1, samples: [{ name: 'old', relkind: 'm' }] },
    ];
    const report = buildGrantReport('ns-db', roles, complete, owners);
    expect(report.notOwnedByAdmin).toEqual({
      count: 100,
      ownerCount: 2,
      owners: [
        {
          owner: 'migrator',
          count: 99,
          samples: [
            {
              kind: 'table',
              object: 'x"; DROP TABLE y; --',
              owner: 'migrator',
              fixSql:
                'ALTER TABLE "public"."x""; DROP TABLE y; --" OWNER TO "ns-db-admin";',
            },
            {
              kind: 'table',
              object: 'report',
              owner: 'migrator',
              fixSql: 'ALTER VIEW "public"."report" OWNER TO "ns-db-admin";',
            },
            {
              kind: 'sequence',
              object: 'free_numbers',
              owner: 'migrator',
              fixSql:
                'ALTER SEQUENCE "public"."free_numbers" OWNER TO "ns-db-admin";',
            },
          ],
        },
        {
          owner: 'postgres',
          count: 1,
          samples: [
            {
              kind: 'table',
              object: 'old',
              owner: 'postgres',
              fixSql:
                'ALTER MATERIALIZED VIEW "public"."old" OWNER TO "ns-db-admin";',
            },
          ],
        },
      ],
      listSql: expect.any(String),
    });
  });

  it('lists at most ten owners and counts the others', () => {
    const owners: OwnerRow[] = Array.from({ length: 12 }, (_, i) => ({
      owner: `owner${i}`,
      count: 1,
      samples: [{ name: `t${i}`, relkind: 'r' }],
    }));
    const { notOwnedByAdmin } = buildGrantReport(
      'ns-db',
      roles,
      complete,
      owners,
    );
    expect(notOwnedByAdmin.count).toBe(12);
    expect(notOwnedByAdmin.ownerCount).toBe(12);
    expect(notOwnedByAdmin.owners).toHaveLength(10);
  });

  it('quotes the admin role as a literal in the listing query', () => {
    const { notOwnedByAdmin } = buildGrantReport(
      'ns-db',
      { ...roles, admin: "o'brien" },
      complete,
      [],
    );
    expect(notOwnedByAdmin.listSql).toContain(
      "pg_get_userbyid(c.relowner) <> 'o''brien'",
    );
    expect(notOwnedByAdmin.listSql).not.toContain("'o'brien'");
  });

  it('lists a missing default privilege when its row is absent', () => {
    const rows = complete.filter(
      r => !(r.role === 'read' && r.kind === 'default-sequences'),
    );
    const report = buildGrantReport('ns-db', roles, rows, []);
    expect(report.missing).toEqual([
      {
        role: 'read',
        privilege: 'SELECT',
        kind: 'default-sequences',
        count: 1,
        samples: ['public'],
      },
    ]);
    expect(report.fixSql).toEqual([
      'ALTER DEFAULT PRIVILEGES FOR ROLE "ns-db-admin" IN SCHEMA "public" GRANT SELECT ON SEQUENCES TO "ns-db-read";',
    ]);
  });

  it('lists default privileges beyond the cheatsheet as extra, without fixing them', () => {
    const report = buildGrantReport(
      'ns-db',
      roles,
      [...complete, row('write', 'default-tables', 'TRUNCATE', true)],
      [],
    );
    expect(report.missing).toEqual([]);
    expect(report.extra).toEqual([
      {
        role: 'write',
        privilege: 'TRUNCATE',
        kind: 'default-tables',
        count: 1,
        samples: ['public'],
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
        { role: 'read', kind: 'schema' },
        { role: 'read', kind: 'table' },
        { role: 'read', kind: 'default-tables' },
      ],
    );
    expect(sql).toEqual([
      'GRANT USAGE ON SCHEMA "public" TO "r""r";',
      'GRANT SELECT ON ALL TABLES IN SCHEMA "public" TO "r""r";',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "a""; DROP TABLE x; --" IN SCHEMA "public" GRANT SELECT ON TABLES TO "r""r";',
    ]);
  });
});

describe('applyStatements', () => {
  const missingTables = [
    ...complete.filter(r => !(r.role === 'read' && r.kind === 'schema')),
    row('read', 'schema', 'USAGE', false),
    row('read', 'table', 'SELECT', false, 3, ['a', 'b', 'c']),
    row('read', 'sequence', 'SELECT', false, 1, ['s']),
  ];

  it('is the fix SQL itself while the admin role owns everything', () => {
    const report = buildGrantReport('ns-db', roles, missingTables, []);
    expect(applyStatements(report, roles)).toEqual(report.fixSql);
  });

  it('grants tables and sequences per owned object when some are not owned', () => {
    const report = buildGrantReport('ns-db', roles, missingTables, [
      { owner: 'migrator', count: 1, samples: [{ name: 'a', relkind: 'r' }] },
    ]);
    const statements = applyStatements(report, {
      ...roles,
      read: "r'd",
    });
    expect(statements[0]).toBe('GRANT USAGE ON SCHEMA "public" TO "r\'d";');
    expect(statements[1]).toMatch(/^DO \$grant\$\n/);
    expect(statements[1]).toContain("pg_has_role(c.relowner, 'USAGE')");
    expect(statements[1]).toContain("c.relkind IN ('r', 'p', 'v', 'm', 'f')");
    expect(statements[1]).toContain(
      "EXECUTE format('GRANT SELECT ON TABLE %s TO %I', relation, 'r''d');",
    );
    expect(statements[2]).toContain("c.relkind IN ('S')");
    expect(statements[2]).toContain('ON SEQUENCE %s TO %I');
  });

  it('refuses a role name that would end the DO block', () => {
    const report = buildGrantReport('ns-db', roles, missingTables, [
      { owner: 'migrator', count: 1, samples: [{ name: 'a', relkind: 'r' }] },
    ]);
    expect(() =>
      applyStatements(report, { ...roles, read: 'x$grant$y' }),
    ).toThrow(/holds \$grant\$/);
  });
});
