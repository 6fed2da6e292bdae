import { escapeIdentifier } from 'pg';
import type {
  GrantObjectKind,
  GrantReport,
  GrantedRole,
  PrivilegeGroup,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { OwnerRow, PrivilegeGroupRow } from './grantQuery';
import { notOwnedByAdmin } from './grantReportOwnership';
import {
  ALL_PRIVILEGES,
  EXPECTED_PRIVILEGES,
  SCHEMA,
  privilegeListOf,
} from './privileges';

const GRANTED_ROLES: GrantedRole[] = ['write', 'read'];
const KINDS: GrantObjectKind[] = [
  'schema',
  'table',
  'sequence',
  'default-tables',
  'default-sequences',
];
const DEFAULT_KINDS: GrantObjectKind[] = [
  'default-tables',
  'default-sequences',
];

/** Role names of one database, as the platform derives them. */
export interface GrantRoleNames {
  admin: string;
  write: string;
  read: string;
}

/**
 * Compares the grant query's groups with the manual's cheatsheet: what is
 * missing, what is granted beyond it, and the SQL that grants the missing;
 * plus the objects the admin role does not own, from the ownership query.
 */
export function buildGrantReport(
  database: string,
  roles: GrantRoleNames,
  rows: PrivilegeGroupRow[],
  owners: OwnerRow[],
  now: Date = new Date(),
): GrantReport {
  const missing: PrivilegeGroup[] = [];
  const extra: PrivilegeGroup[] = [];
  for (const row of rows) {
    const expected = EXPECTED_PRIVILEGES[row.role][
      privilegeListOf(row.kind)
    ].includes(row.privilege);
    const group: PrivilegeGroup = {
      role: row.role,
      privilege: row.privilege,
      kind: row.kind,
      count: row.count,
      samples: row.samples ?? [],
    };
    if (expected && !row.granted) missing.push(group);
    if (!expected && row.granted) extra.push(group);
  }
  // Default privileges have rows only when granted, so missing ones are
  // those of the cheatsheet without a row.
  for (const role of GRANTED_ROLES) {
    for (const kind of DEFAULT_KINDS) {
      for (const privilege of EXPECTED_PRIVILEGES[role][
        privilegeListOf(kind)
      ]) {
        const present = rows.some(
          r => r.role === role && r.kind === kind && r.privilege === privilege,
        );
        if (!present) {
          missing.push({ role, privilege, kind, count: 1, samples: [SCHEMA] });
        }
      }
    }
  }
  return {
    database,
    adminRole: roles.admin,
    objects: {
      tables: objectCount(rows, 'table'),
      sequences: objectCount(rows, 'sequence'),
    },
    missing: missing.sort(byRoleKindPrivilege),
    extra: extra.sort(byRoleKindPrivilege),
    fixSql: fixSql(roles, missing),
    notOwnedByAdmin: notOwnedByAdmin(roles.admin, owners),
    checkedAt: now.toISOString(),
  };
}

/**
 * How many objects of a kind the query checked: each one has a row per
 * role and privilege, granted or not, so one role and privilege count them.
 */
function objectCount(
  rows: PrivilegeGroupRow[],
  kind: 'table' | 'sequence',
): number {
  const [privilege] = ALL_PRIVILEGES[kind];
  return rows
    .filter(
      r => r.role === 'write' && r.kind === kind && r.privilege === privilege,
    )
    .reduce((sum, r) => sum + r.count, 0);
}

/** Write before read, kinds and privileges in the order the manual lists them. */
function byRoleKindPrivilege(a: PrivilegeGroup, b: PrivilegeGroup): number {
  const privileges = (g: PrivilegeGroup) =>
    ALL_PRIVILEGES[privilegeListOf(g.kind)];
  return (
    GRANTED_ROLES.indexOf(a.role) - GRANTED_ROLES.indexOf(b.role) ||
    KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) ||
    privileges(a).indexOf(a.privilege) - privileges(b).indexOf(b.privilege) ||
    a.privilege.localeCompare(b.privilege)
  );
}

/** Builds the statement that grants a role's privileges on every table or sequence. */
export type OnAllStatement = (
  kind: 'table' | 'sequence',
  grantee: string,
  privileges: string[],
) => string;

/** The manual's `GRANT … ON ALL TABLES|SEQUENCES IN SCHEMA public`. */
export const grantOnAll: OnAllStatement = (kind, grantee, privileges) =>
  `GRANT ${privileges.join(', ')} ON ALL ${
    kind === 'table' ? 'TABLES' : 'SEQUENCES'
  } IN SCHEMA ${escapeIdentifier(SCHEMA)} TO ${escapeIdentifier(grantee)};`;

/**
 * The manual's "Grant privileges" statements for every role and kind that
 * misses something. They grant the whole cheatsheet line, which is
 * idempotent and also covers objects created since the check. `onAll`
 * writes the table and sequence statements (applying swaps it when the
 * admin role does not own everything).
 */
export function fixSql(
  roles: GrantRoleNames,
  missing: Array<Pick<PrivilegeGroup, 'role' | 'kind'>>,
  onAll: OnAllStatement = grantOnAll,
): string[] {
  const schema = escapeIdentifier(SCHEMA);
  const admin = escapeIdentifier(roles.admin);
  const statements: string[] = [];
  for (const role of GRANTED_ROLES) {
    const grantee = escapeIdentifier(roles[role]);
    const expected = EXPECTED_PRIVILEGES[role];
    const misses = (kind: GrantObjectKind) =>
      missing.some(m => m.role === role && m.kind === kind);
    if (misses('schema')) {
      statements.push(`GRANT USAGE ON SCHEMA ${schema} TO ${grantee};`);
    }
    if (misses('table')) {
      statements.push(onAll('table', roles[role], expected.table));
    }
    if (misses('sequence')) {
      statements.push(onAll('sequence', roles[role], expected.sequence));
    }
    if (misses('default-tables')) {
      statements.push(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${admin} IN SCHEMA ${schema} GRANT ${expected.table.join(
          ', ',
        )} ON TABLES TO ${grantee};`,
      );
    }
    if (misses('default-sequences')) {
      statements.push(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${admin} IN SCHEMA ${schema} GRANT ${expected.sequence.join(
          ', ',
        )} ON SEQUENCES TO ${grantee};`,
      );
    }
  }
  return statements;
}
