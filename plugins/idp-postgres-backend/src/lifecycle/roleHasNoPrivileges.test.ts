import type {
  GrantReport,
  PrivilegeGroup,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { roleHasNoPrivileges } from './roleHasNoPrivileges';

const group = (
  kind: PrivilegeGroup['kind'],
  privilege: string,
  count = 1,
  role: PrivilegeGroup['role'] = 'read',
): PrivilegeGroup => ({
  role,
  privilege,
  kind,
  count,
  samples: kind.startsWith('table') ? ['a', 'b'].slice(0, count) : ['public'],
});

const DEFAULTS_MISSING = [
  group('default-tables', 'SELECT'),
  group('default-sequences', 'SELECT'),
];

function report(
  missing: PrivilegeGroup[],
  extra: PrivilegeGroup[] = [],
  objects = { tables: 2, sequences: 0 },
): GrantReport {
  return {
    database: 'idp-x',
    adminRole: 'idp-x-admin',
    objects,
    missing,
    extra,
    fixSql: [],
    notOwnedByAdmin: { count: 0, ownerCount: 0, owners: [], listSql: '' },
    checkedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('roleHasNoPrivileges', () => {
  it('is true without usage of schema public, whatever else', () => {
    expect(
      roleHasNoPrivileges(report([group('schema', 'USAGE')]), 'read'),
    ).toBe(true);
  });

  it('is true when every table misses all and no default privilege is set', () => {
    expect(
      roleHasNoPrivileges(
        report([...DEFAULTS_MISSING, group('table', 'SELECT', 2)]),
        'read',
      ),
    ).toBe(true);
  });

  it('is false when some table of the schema is granted to the role', () => {
    // Two tables, SELECT missing on one: read holds SELECT on the other.
    expect(
      roleHasNoPrivileges(
        report([...DEFAULTS_MISSING, group('table', 'SELECT', 1)]),
        'read',
      ),
    ).toBe(false);
  });

  it('counts sequences as well as tables', () => {
    const objects = { tables: 2, sequences: 3 };
    const tables = group('table', 'SELECT', 2);
    expect(
      roleHasNoPrivileges(
        report([...DEFAULTS_MISSING, tables], [], objects),
        'read',
      ),
    ).toBe(false);
    expect(
      roleHasNoPrivileges(
        report(
          [...DEFAULTS_MISSING, tables, group('sequence', 'SELECT', 3)],
          [],
          objects,
        ),
        'read',
      ),
    ).toBe(true);
  });

  it('is false with default privileges set, or with an extra privilege', () => {
    expect(
      roleHasNoPrivileges(report([group('table', 'SELECT', 2)]), 'read'),
    ).toBe(false);
    expect(
      roleHasNoPrivileges(
        report(
          [...DEFAULTS_MISSING, group('table', 'SELECT', 2)],
          [group('table', 'INSERT', 1)],
        ),
        'read',
      ),
    ).toBe(false);
  });

  it("looks at the asked role's findings only", () => {
    expect(
      roleHasNoPrivileges(
        report([group('schema', 'USAGE', 1, 'write')]),
        'read',
      ),
    ).toBe(false);
  });
});
