import type {
  GrantObjectKind,
  GrantReport,
  GrantedRole,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  EXPECTED_PRIVILEGES,
  SCHEMA,
  privilegeListOf,
} from '../postgres/privileges';

const OBJECT_KINDS: GrantObjectKind[] = ['table', 'sequence'];

/**
 * Whether a grant report shows that a role can use nothing in the database.
 * The report lists only differences from the manual's cheatsheet (missing
 * and extra privileges), never what a role holds, so this is read from the
 * differences:
 *
 * - without USAGE on schema public the role can use no object in it;
 * - otherwise the role holds nothing when it has no extra privilege, no
 *   default privilege (so tables the admin role creates later stay closed
 *   too), and misses every cheatsheet privilege on each table and sequence
 *   the report names. An object the report does not name is one both roles
 *   hold exactly as the cheatsheet says; with the default privileges
 *   missing that only happens after a partial hand-made grant, which this
 *   reading cannot see.
 */
export function roleHasNoPrivileges(
  report: GrantReport,
  role: GrantedRole,
): boolean {
  const missing = report.missing.filter(f => f.role === role);
  if (missing.some(f => f.kind === 'schema' && f.privilege === 'USAGE')) {
    return true;
  }
  if (report.extra.some(f => f.role === role)) return false;
  const misses = (kind: GrantObjectKind, object: string, privilege: string) =>
    missing.some(
      f => f.kind === kind && f.object === object && f.privilege === privilege,
    );
  const missesAll = (kind: GrantObjectKind, object: string) =>
    EXPECTED_PRIVILEGES[role][privilegeListOf(kind)].every(p =>
      misses(kind, object, p),
    );
  return (
    missesAll('default-tables', SCHEMA) &&
    missesAll('default-sequences', SCHEMA) &&
    namedObjects(report).every(({ kind, object }) => missesAll(kind, object))
  );
}

/** Every table and sequence the report mentions, for any role. */
function namedObjects(
  report: GrantReport,
): Array<{ kind: GrantObjectKind; object: string }> {
  const seen = new Map<string, { kind: GrantObjectKind; object: string }>();
  const findings = [
    ...report.missing,
    ...report.extra,
    ...(report.notOwnedByAdmin ?? []),
  ];
  for (const { kind, object } of findings) {
    if (OBJECT_KINDS.includes(kind))
      seen.set(`${kind}/${object}`, { kind, object });
  }
  return [...seen.values()];
}
