import { Client, escapeIdentifier } from 'pg';
import { superuserClientConfig, testPostgres } from '@jppol-idp/idp-sandbox';
import {
  PlatformDatabase,
  createPlatformDatabase,
  runAs,
} from '../__testUtils__/sandboxPostgres';
import {
  GRANT_QUERY,
  PrivilegeGroupRow,
  grantQueryParameters,
} from './grantQuery';
import { ALL_PRIVILEGES } from './privileges';

const server = testPostgres();

/**
 * The grant query's table and sequence counts, asked the obvious way: every
 * object and privilege checked on its own, samples the first names in byte
 * order. The grant query checks objects of the same kind, owner and ACL
 * once; this is what it must still answer.
 */
const PER_OBJECT_QUERY = `
WITH roles(role, role_name) AS (VALUES ('write', $1::text), ('read', $2::text)),
objects AS (
  SELECT c.oid, c.relname::text AS name,
         CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'table' END AS kind
    FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace
     AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
),
checks AS (
  SELECT r.role, o.kind, p.privilege, o.name,
         CASE o.kind
           WHEN 'table' THEN has_table_privilege(r.role_name, o.oid, p.privilege)
           ELSE has_sequence_privilege(r.role_name, o.oid, p.privilege)
         END AS granted
    FROM roles r CROSS JOIN objects o
    JOIN unnest($3::text[], $4::text[]) AS p(kind, privilege) ON p.kind = o.kind
)
SELECT role, kind, privilege, granted, count(*)::int AS count,
       (array_agg(name ORDER BY name COLLATE "C"))[1:$5::int] AS samples
  FROM checks
 GROUP BY role, kind, privilege, granted
`;

async function query<T>(
  database: string,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const client = new Client(superuserClientConfig(server, database));
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const byKey = (a: PrivilegeGroupRow, b: PrivilegeGroupRow) =>
  `${a.role} ${a.kind} ${a.privilege} ${a.granted}`.localeCompare(
    `${b.role} ${b.kind} ${b.privilege} ${b.granted}`,
  );

describe('GRANT_QUERY', () => {
  let db: PlatformDatabase;

  beforeAll(async () => {
    db = await createPlatformDatabase(server, {
      namespace: 'idp-dev',
      name: 'acl-groups',
    });
    // A group the read role is a member of, and a second owner.
    const superuser = new Client(superuserClientConfig(server, db.database));
    await superuser.connect();
    try {
      await superuser.query(`
        CREATE ROLE "acl-groups-readers";
        GRANT "acl-groups-readers" TO ${escapeIdentifier(db.roles.read)};
        CREATE ROLE "acl-groups-migrator";
        GRANT CREATE, USAGE ON SCHEMA public TO "acl-groups-migrator";
        SET ROLE "acl-groups-migrator";
        CREATE TABLE migrated (id int);
        CREATE TABLE "Migrated too" (id int);
        GRANT SELECT ON migrated TO ${escapeIdentifier(db.roles.read)};
        RESET ROLE;`);
    } finally {
      await superuser.end();
    }
    // Twelve tables granted two ways, interleaved by name, so a privilege's
    // first samples come from more than one group; and objects that hold
    // privileges directly, through PUBLIC, through the group, or by kind.
    const tables = Array.from(
      { length: 12 },
      (_, i) => `t${String(i + 1).padStart(2, '0')}`,
    );
    await runAs(
      server,
      db,
      'admin',
      `${tables.map(t => `CREATE TABLE ${t} (id int);`).join('\n')}
       GRANT SELECT ON ${tables.filter((_, i) => i % 2 === 0).join(', ')}
         TO ${escapeIdentifier(db.roles.read)};
       GRANT SELECT, INSERT ON ${tables
         .filter((_, i) => i % 2 === 1)
         .join(', ')}
         TO ${escapeIdentifier(db.roles.write)};
       CREATE TABLE "Upper" (id serial);
       GRANT ALL ON "Upper" TO ${escapeIdentifier(db.roles.write)};
       CREATE TABLE public_one (id int);
       GRANT SELECT, UPDATE ON public_one TO PUBLIC;
       CREATE TABLE grouped (id int);
       GRANT SELECT, DELETE ON grouped TO "acl-groups-readers";
       CREATE VIEW a_view AS SELECT 1 AS x;
       GRANT SELECT ON a_view TO ${escapeIdentifier(db.roles.read)};
       CREATE MATERIALIZED VIEW a_matview AS SELECT 1 AS x;
       CREATE TABLE parted (id int) PARTITION BY RANGE (id);
       GRANT SELECT ON parted TO ${escapeIdentifier(db.roles.read)};
       CREATE SEQUENCE seq_a;
       CREATE SEQUENCE seq_b;
       CREATE SEQUENCE seq_c;
       GRANT USAGE, SELECT ON SEQUENCE seq_a, seq_c TO ${escapeIdentifier(
         db.roles.write,
       )};
       GRANT SELECT ON SEQUENCE seq_b TO PUBLIC;`,
    );
  });

  it('counts and samples every privilege as checking each object would', async () => {
    const params = grantQueryParameters(db.roles);
    const rows = await query<PrivilegeGroupRow>(
      db.database,
      GRANT_QUERY,
      params,
    );
    const kinds = (['table', 'sequence'] as const).flatMap(kind =>
      ALL_PRIVILEGES[kind].map(privilege => ({ kind, privilege })),
    );
    const expected = await query<PrivilegeGroupRow>(
      db.database,
      PER_OBJECT_QUERY,
      [
        db.roles.write,
        db.roles.read,
        kinds.map(k => k.kind),
        kinds.map(k => k.privilege),
        params[4],
      ],
    );
    const objectRows = rows.filter(
      r => r.kind === 'table' || r.kind === 'sequence',
    );
    expect(objectRows.sort(byKey)).toEqual(expected.sort(byKey));

    // The groups span several ACLs: spot-check what they add up to.
    const row = (role: string, privilege: string, granted: boolean) =>
      objectRows.find(
        r =>
          r.role === role &&
          r.kind === 'table' &&
          r.privilege === privilege &&
          r.granted === granted,
      );
    // Six of t01…t12, a view, a partitioned table, another owner’s table,
    // one through PUBLIC and one through the group.
    expect(row('read', 'SELECT', true)).toMatchObject({
      count: 11,
      samples: ['a_view', 'grouped', 'migrated', 'parted', 'public_one'],
    });
    expect(row('read', 'INSERT', false)?.samples).toEqual([
      'Migrated too',
      'Upper',
      'a_matview',
      'a_view',
      'grouped',
    ]);
    expect(row('write', 'INSERT', true)).toMatchObject({
      count: 7,
      samples: ['Upper', 't02', 't04', 't06', 't08'],
    });
    expect(row('read', 'DELETE', true)).toMatchObject({
      count: 1,
      samples: ['grouped'],
    });
  });
});
