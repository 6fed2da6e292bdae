import {
  GRANT_REPORT_SAMPLES,
  GrantObjectKind,
  GrantedRole,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { ALL_PRIVILEGES, SCHEMA } from './privileges';

/**
 * One row of the grant query: how many objects of one kind a role holds
 * (or lacks) one privilege on, with the first few names.
 */
export interface PrivilegeGroupRow {
  role: GrantedRole;
  kind: GrantObjectKind;
  privilege: string;
  granted: boolean;
  count: number;
  samples: string[];
}

/** One row of the ownership query: the objects one role owns instead of the admin role. */
export interface OwnerRow {
  owner: string;
  count: number;
  /** The first few, tables first, by name; `relkind` as in pg_class. */
  samples: Array<{ name: string; relkind: string }>;
}

/** Relation kinds the manual's `ON ALL TABLES` covers: tables, partitioned tables, views, materialized views, foreign tables. */
export const TABLE_RELKINDS = ['r', 'p', 'v', 'm', 'f'];

const relkinds = (list: string[]) => list.map(k => `'${k}'`).join(', ');

/**
 * A sequence that belongs to a table column (serial or identity): it
 * changes owner with its table, so it is never listed on its own.
 */
export const COLUMN_SEQUENCE = `EXISTS (
  SELECT 1 FROM pg_depend d
   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))`;

/** Every privilege we look at, numbered, as SQL VALUES rows (constants, not input). */
const PRIVILEGE_VALUES = (['schema', 'table', 'sequence'] as const)
  .flatMap(kind => ALL_PRIVILEGES[kind].map(privilege => [kind, privilege]))
  .map(([kind, privilege], i) => `('${kind}', '${privilege}', ${i + 1})`)
  .join(',\n    ');

/**
 * Every privilege of the read and write roles in schema public, counted per
 * role, privilege and whether it is granted, in one catalog query (the
 * catalogs are readable by any role, so it runs as the database's admin
 * role). Counting in PostgreSQL keeps the answer a few dozen rows however
 * many tables there are: the row per object and privilege never leaves the
 * server. Role names are bind parameters, never SQL text: $1 write, $2
 * read, $3 admin, $4 the schema, $5 samples per group.
 *
 * Tables and sequences come from `has_*_privilege`, which also counts
 * privileges held through PUBLIC or role membership, as a query would.
 * What it answers for a role depends only on the object's kind, owner and
 * ACL, so objects are grouped by those and each group is checked once,
 * through one of its objects: a database whose tables were all granted
 * alike costs a handful of checks, not one per table and privilege. (The
 * ACL is grouped as text, because aclitem cannot be sorted; two ACLs print
 * alike only when equal.) Each group keeps its first few names in byte
 * order (COLLATE "C", so every server picks the same samples), and a
 * privilege's samples are the first few of the groups it covers.
 *
 * Default privileges only exist as rows in `pg_default_acl`, so only
 * granted ones come back; those of the admin role in the schema and
 * globally count (once, when both grant the same).
 */
export const GRANT_QUERY = `
WITH roles(role, role_name, role_no) AS (VALUES ('write', $1::text, 1), ('read', $2::text, 2)),
schema AS (SELECT oid, nspname::text AS nspname FROM pg_namespace WHERE nspname = $4::text),
relations AS (
  SELECT c.oid, c.relname::text AS name, c.relkind = 'S' AS is_sequence,
         c.relkind, c.relowner, c.relacl,
         row_number() OVER (ORDER BY c.relname COLLATE "C")::int AS ord
    FROM pg_class c JOIN schema s ON s.oid = c.relnamespace
   WHERE c.relkind IN (${relkinds(TABLE_RELKINDS)}, 'S')
),
alike AS (
  SELECT min(oid) AS oid, is_sequence, count(*)::int AS objects,
         (array_agg(ord ORDER BY ord))[1:$5::int] AS first_ords,
         (array_agg(name ORDER BY ord))[1:$5::int] AS first_names
    FROM relations
   GROUP BY is_sequence, relkind, relowner, relacl::text
),
privileges(kind, privilege, privilege_no) AS (VALUES
    ${PRIVILEGE_VALUES}
),
checks AS (
  SELECT r.role_no, p.privilege_no, NULL::oid AS alike_oid, 1 AS objects,
         has_schema_privilege(r.role_name, s.oid, p.privilege) AS granted
    FROM roles r CROSS JOIN schema s JOIN privileges p ON p.kind = 'schema'
  UNION ALL
  SELECT r.role_no, p.privilege_no, a.oid, a.objects,
         has_table_privilege(r.role_name, a.oid, p.privilege)
    FROM roles r CROSS JOIN alike a JOIN privileges p ON p.kind = 'table'
   WHERE NOT a.is_sequence
  UNION ALL
  SELECT r.role_no, p.privilege_no, a.oid, a.objects,
         has_sequence_privilege(r.role_name, a.oid, p.privilege)
    FROM roles r CROSS JOIN alike a JOIN privileges p ON p.kind = 'sequence'
   WHERE a.is_sequence
),
sampled AS (
  SELECT c.role_no, c.privilege_no, c.granted, f.ord, f.name,
         row_number() OVER (PARTITION BY c.role_no, c.privilege_no, c.granted
                            ORDER BY f.ord) AS n
    FROM checks c
    JOIN alike a ON a.oid = c.alike_oid
   CROSS JOIN LATERAL unnest(a.first_ords, a.first_names) AS f(ord, name)
),
groups AS (
  SELECT role_no, privilege_no, granted, sum(objects)::int AS count
    FROM checks
   GROUP BY role_no, privilege_no, granted
),
group_samples AS (
  SELECT role_no, privilege_no, granted, array_agg(name ORDER BY ord) AS samples
    FROM sampled
   WHERE n <= $5::int
   GROUP BY role_no, privilege_no, granted
)
SELECT r.role, p.kind, p.privilege, g.granted, g.count,
       CASE WHEN p.kind = 'schema' THEN ARRAY[$4::text]
            ELSE s.samples END AS samples
  FROM groups g
  JOIN roles r USING (role_no)
  JOIN privileges p USING (privilege_no)
  LEFT JOIN group_samples s USING (role_no, privilege_no, granted)
UNION ALL
SELECT DISTINCT r.role,
       CASE d.defaclobjtype WHEN 'r' THEN 'default-tables' ELSE 'default-sequences' END,
       a.privilege_type, true, 1, ARRAY[$4::text]
  FROM pg_default_acl d
 CROSS JOIN LATERAL aclexplode(d.defaclacl) a
  JOIN pg_roles g ON g.oid = a.grantee
  JOIN roles r ON r.role_name = g.rolname
 WHERE d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = $3::text)
   AND (d.defaclnamespace = 0 OR d.defaclnamespace = (SELECT oid FROM schema))
   AND d.defaclobjtype IN ('r', 'S')
`;

/** The bind parameters of GRANT_QUERY. */
export function grantQueryParameters(roles: {
  write: string;
  read: string;
  admin: string;
}): Array<string | number> {
  return [roles.write, roles.read, roles.admin, SCHEMA, GRANT_REPORT_SAMPLES];
}

/**
 * The tables and sequences of schema public whose owner is not the admin
 * role, counted per owner with the first few of each, most objects first:
 * $1 admin, $2 the schema, $3 samples per owner. One row per owner, and
 * owners are few (a migration user, the master user).
 */
export const NOT_OWNED_QUERY = `
WITH foreign_objects AS (
  SELECT c.relname::text AS name, c.relkind::text AS relkind,
         pg_get_userbyid(c.relowner)::text AS owner
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = $2::text
     AND c.relkind IN (${relkinds(TABLE_RELKINDS)}, 'S')
     AND pg_get_userbyid(c.relowner) <> $1::text
     AND NOT (c.relkind = 'S' AND ${COLUMN_SEQUENCE})
),
ranked AS (
  SELECT foreign_objects.*,
         row_number() OVER (PARTITION BY owner
                            ORDER BY relkind = 'S', name COLLATE "C") AS n
    FROM foreign_objects
)
SELECT owner, count(*)::int AS count,
       json_agg(json_build_object('name', name, 'relkind', relkind)
                ORDER BY relkind = 'S', name COLLATE "C")
         FILTER (WHERE n <= $3::int) AS samples
  FROM ranked
 GROUP BY owner
 ORDER BY count(*) DESC, owner COLLATE "C"
`;

/** At most this many owners are listed with samples; the report counts the rest. */
export const MAX_OWNER_GROUPS = 10;

/** The bind parameters of NOT_OWNED_QUERY. */
export function notOwnedQueryParameters(admin: string): Array<string | number> {
  return [admin, SCHEMA, GRANT_REPORT_SAMPLES];
}
