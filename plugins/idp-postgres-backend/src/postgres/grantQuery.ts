import type {
  GrantObjectKind,
  GrantedRole,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { ALL_PRIVILEGES, SCHEMA } from './privileges';

/** One row of the grant query: a privilege of a role on an object, granted or not. */
export interface PrivilegeRow {
  role: GrantedRole;
  kind: GrantObjectKind;
  object: string;
  privilege: string;
  granted: boolean;
  /**
   * The owner of a table or sequence; null for other rows and for a
   * sequence that belongs to a table column, whose owner follows the table.
   */
  owner?: string | null;
}

const values = (list: string[]) => list.map(p => `('${p}')`).join(', ');

/**
 * Every privilege of the read and write roles in schema public, in one
 * catalog query (the catalogs are readable by any role, so it runs as the
 * database's admin role). Role names are bind parameters, never SQL text:
 * $1 write, $2 read, $3 admin, $4 the schema.
 *
 * Tables and sequences come from `has_*_privilege`, which also counts
 * privileges held through PUBLIC or role membership, as a query would.
 * Default privileges only exist as rows in `pg_default_acl`, so only granted
 * ones come back; those of the admin role in the schema and globally count.
 * Each table and sequence row also carries the object's owner: only the
 * owner may grant on it, so the manual's grants skip what the admin role
 * does not own.
 */
export const GRANT_QUERY = `
WITH roles(role, role_name) AS (VALUES ('write', $1::text), ('read', $2::text)),
schema AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = $4::text),
relations AS (
  SELECT c.oid, c.relname, c.relkind,
         CASE WHEN c.relkind = 'S' AND EXISTS (
           SELECT 1 FROM pg_depend d
            WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
              AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         ) THEN NULL ELSE pg_get_userbyid(c.relowner) END AS owner
    FROM pg_class c JOIN schema s ON s.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
)
SELECT r.role, 'schema' AS kind, s.nspname AS object, p.privilege,
       has_schema_privilege(r.role_name, s.oid, p.privilege) AS granted,
       NULL::text AS owner
  FROM roles r CROSS JOIN schema s CROSS JOIN (VALUES ${values(
    ALL_PRIVILEGES.schema,
  )}) p(privilege)
UNION ALL
SELECT r.role, 'table', c.relname, p.privilege,
       has_table_privilege(r.role_name, c.oid, p.privilege), c.owner
  FROM roles r CROSS JOIN relations c CROSS JOIN (VALUES ${values(
    ALL_PRIVILEGES.table,
  )}) p(privilege)
 WHERE c.relkind <> 'S'
UNION ALL
SELECT r.role, 'sequence', c.relname, p.privilege,
       has_sequence_privilege(r.role_name, c.oid, p.privilege), c.owner
  FROM roles r CROSS JOIN relations c CROSS JOIN (VALUES ${values(
    ALL_PRIVILEGES.sequence,
  )}) p(privilege)
 WHERE c.relkind = 'S'
UNION ALL
SELECT r.role,
       CASE d.defaclobjtype WHEN 'r' THEN 'default-tables' ELSE 'default-sequences' END,
       $4::text, a.privilege_type, true, NULL::text
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
}): string[] {
  return [roles.write, roles.read, roles.admin, SCHEMA];
}
