import { escapeIdentifier } from 'pg';
import type {
  GrantObjectKind,
  GrantReport,
  GrantedRole,
  OwnershipFinding,
  PrivilegeFinding,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { PrivilegeRow } from './grantQuery';
import { EXPECTED_PRIVILEGES, SCHEMA, privilegeListOf } from './privileges';

const GRANTED_ROLES: GrantedRole[] = ['write', 'read'];
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
 * Compares the grant query's rows with the manual's cheatsheet: what is
 * missing, what is granted beyond it, and the SQL that grants the missing.
 */
export function buildGrantReport(
  database: string,
  roles: GrantRoleNames,
  rows: PrivilegeRow[],
  now: Date = new Date(),
): GrantReport {
  const missing: PrivilegeFinding[] = [];
  const extra: PrivilegeFinding[] = [];
  for (const row of rows) {
    const expected = EXPECTED_PRIVILEGES[row.role][
      privilegeListOf(row.kind)
    ].includes(row.privilege);
    const finding = {
      role: row.role,
      kind: row.kind,
      object: row.object,
      privilege: row.privilege,
    };
    if (expected && !row.granted) missing.push(finding);
    if (!expected && row.granted) extra.push(finding);
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
          missing.push({ role, kind, object: SCHEMA, privilege });
        }
      }
    }
  }
  return {
    database,
    adminRole: roles.admin,
    missing,
    extra,
    fixSql: fixSql(roles, missing),
    notOwnedByAdmin: notOwnedByAdmin(roles.admin, rows),
    checkedAt: now.toISOString(),
  };
}

/**
 * The manual's "Grant privileges" statements for every role and kind that
 * misses something. They grant the whole cheatsheet line, which is
 * idempotent and also covers objects created since the check.
 */
export function fixSql(
  roles: GrantRoleNames,
  missing: PrivilegeFinding[],
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
      statements.push(
        `GRANT ${expected.table.join(
          ', ',
        )} ON ALL TABLES IN SCHEMA ${schema} TO ${grantee};`,
      );
    }
    if (misses('sequence')) {
      statements.push(
        `GRANT ${expected.sequence.join(
          ', ',
        )} ON ALL SEQUENCES IN SCHEMA ${schema} TO ${grantee};`,
      );
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

/**
 * Tables and sequences whose owner is not the admin role, once each, with
 * the statement that hands them to it. Sequences of table columns come
 * without an owner and move with their table.
 */
export function notOwnedByAdmin(
  admin: string,
  rows: PrivilegeRow[],
): OwnershipFinding[] {
  const found = new Map<string, OwnershipFinding>();
  for (const row of rows) {
    if (row.kind !== 'table' && row.kind !== 'sequence') continue;
    if (!row.owner || row.owner === admin) continue;
    const key = `${row.kind}\u0000${row.object}`;
    if (!found.has(key)) {
      const object = `${escapeIdentifier(SCHEMA)}.${escapeIdentifier(
        row.object,
      )}`;
      found.set(key, {
        kind: row.kind,
        object: row.object,
        owner: row.owner,
        fixSql: `ALTER ${
          row.kind === 'table' ? 'TABLE' : 'SEQUENCE'
        } ${object} OWNER TO ${escapeIdentifier(admin)};`,
      });
    }
  }
  return [...found.values()];
}
