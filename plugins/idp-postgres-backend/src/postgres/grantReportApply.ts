import { escapeLiteral } from 'pg';
import type { GrantReport } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { GrantRoleNames, OnAllStatement, fixSql } from './grantReport';
import { TABLE_RELKINDS } from './grantQuery';
import { SCHEMA } from './privileges';

/**
 * A `DO` block granting `privileges` to `grantee` on each table (or
 * sequence) of schema public whose owner the session may act as
 * (`pg_has_role … USAGE`: the owner itself or a role it inherits), which
 * are exactly the objects a GRANT as the admin role can reach. The names
 * are literals inside it, quoted by `escapeLiteral`; `format('%I')` and
 * regclass quote them as identifiers where it runs the GRANT.
 */
export const grantOnOwnedObjects: OnAllStatement = (
  kind,
  grantee,
  privileges,
) => {
  const relkinds = (kind === 'table' ? TABLE_RELKINDS : ['S'])
    .map(k => `'${k}'`)
    .join(', ');
  const body = [
    'DECLARE',
    '  relation regclass;',
    'BEGIN',
    '  FOR relation IN',
    '    SELECT c.oid::regclass FROM pg_class c',
    `     WHERE c.relnamespace = ${escapeLiteral(SCHEMA)}::regnamespace`,
    `       AND c.relkind IN (${relkinds})`,
    "       AND pg_has_role(c.relowner, 'USAGE')",
    '     ORDER BY c.relname',
    '  LOOP',
    `    EXECUTE format('GRANT ${privileges.join(', ')} ON ${
      kind === 'table' ? 'TABLE' : 'SEQUENCE'
    } %s TO %I', relation, ${escapeLiteral(grantee)});`,
    '  END LOOP;',
    'END',
  ].join('\n');
  const tag = '$grant$';
  if (body.includes(tag)) {
    // Role names come from validated namespaces and database names, which
    // cannot hold a `$`; refuse rather than let a name end the block.
    throw new Error(`A role name holds ${tag}; grants not applied`);
  }
  return `DO ${tag}\n${body}\n${tag};`;
};

/**
 * The statements that apply a report's fix SQL. While the admin role owns
 * every table and sequence they are the fix SQL itself. Otherwise
 * PostgreSQL refuses a whole `GRANT … ON ALL TABLES` (permission denied for
 * the first object the admin role holds nothing on), so the table and
 * sequence grants become one `DO` block each that grants per object the
 * admin role may grant on, and leaves the others as they are. Both kinds
 * switch together: a table's column sequence belongs to the table's owner.
 */
export function applyStatements(
  report: GrantReport,
  roles: GrantRoleNames,
): string[] {
  if (report.notOwnedByAdmin.count === 0) return report.fixSql;
  return fixSql(roles, report.missing, grantOnOwnedObjects);
}
