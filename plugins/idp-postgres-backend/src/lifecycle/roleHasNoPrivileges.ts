import type {
  GrantObjectKind,
  GrantReport,
  GrantedRole,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { EXPECTED_PRIVILEGES, privilegeListOf } from '../postgres/privileges';

/**
 * Whether a grant report shows that a role can use nothing in the database.
 * The report lists only differences from the manual's cheatsheet (missing
 * and extra privileges, counted per privilege and kind of object), never
 * what a role holds, so this is read from the differences:
 *
 * - without USAGE on schema public the role can use no object in it;
 * - otherwise the role holds nothing when it has no extra privilege, no
 *   default privilege (so tables the admin role creates later stay closed
 *   too), and every cheatsheet privilege on tables and sequences is
 *   missing on as many objects as the schema holds.
 */
export function roleHasNoPrivileges(
  report: GrantReport,
  role: GrantedRole,
): boolean {
  const missing = report.missing.filter(g => g.role === role);
  if (missing.some(g => g.kind === 'schema' && g.privilege === 'USAGE')) {
    return true;
  }
  if (report.extra.some(g => g.role === role)) return false;
  const missingOn = (kind: GrantObjectKind, privilege: string) =>
    missing.find(g => g.kind === kind && g.privilege === privilege)?.count ?? 0;
  const missesAll = (kind: GrantObjectKind, objects: number) =>
    EXPECTED_PRIVILEGES[role][privilegeListOf(kind)].every(
      privilege => missingOn(kind, privilege) >= objects,
    );
  return (
    missesAll('default-tables', 1) &&
    missesAll('default-sequences', 1) &&
    missesAll('table', report.objects.tables) &&
    missesAll('sequence', report.objects.sequences)
  );
}
