import type {
  GrantReport,
  PrivilegeFinding,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { roleHasNoPrivileges } from './roleHasNoPrivileges';

const DEFAULTS_MISSING: PrivilegeFinding[] = [
  {
    role: 'read',
    kind: 'default-tables',
    object: 'public',
    privilege: 'SELECT',
  },
  {
    role: 'read',
    kind: 'default-sequences',
    object: 'public',
    privilege: 'SELECT',
  },
];

function report(missing: PrivilegeFinding[], extra: PrivilegeFinding[] = []) {
  return {
    database: 'idp-x',
    adminRole: 'idp-x-admin',
    missing,
    extra,
    fixSql: [],
    checkedAt: '2026-01-01T00:00:00.000Z',
  } as GrantReport;
}

const tableMissing = (object: string): PrivilegeFinding => ({
  role: 'read',
  kind: 'table',
  object,
  privilege: 'SELECT',
});

describe('roleHasNoPrivileges', () => {
  it('is true without usage of schema public, whatever else', () => {
    expect(
      roleHasNoPrivileges(
        report([
          {
            role: 'read',
            kind: 'schema',
            object: 'public',
            privilege: 'USAGE',
          },
        ]),
        'read',
      ),
    ).toBe(true);
  });

  it('is true when every named table misses all and no default privilege is set', () => {
    expect(
      roleHasNoPrivileges(
        report([...DEFAULTS_MISSING, tableMissing('a'), tableMissing('b')]),
        'read',
      ),
    ).toBe(true);
  });

  it('is false when a table the report names is granted to the role', () => {
    // Table b is named only for write, so read holds SELECT on it.
    const writeMisses: PrivilegeFinding = {
      role: 'write',
      kind: 'table',
      object: 'b',
      privilege: 'INSERT',
    };
    expect(
      roleHasNoPrivileges(
        report([...DEFAULTS_MISSING, tableMissing('a'), writeMisses]),
        'read',
      ),
    ).toBe(false);
  });

  it('is false with default privileges set, or with an extra privilege', () => {
    expect(roleHasNoPrivileges(report([tableMissing('a')]), 'read')).toBe(
      false,
    );
    expect(
      roleHasNoPrivileges(
        report(
          [...DEFAULTS_MISSING, tableMissing('a')],
          [{ role: 'read', kind: 'table', object: 'a', privilege: 'INSERT' }],
        ),
        'read',
      ),
    ).toBe(false);
  });

  it("looks at the asked role's findings only", () => {
    expect(
      roleHasNoPrivileges(
        report([
          {
            role: 'write',
            kind: 'schema',
            object: 'public',
            privilege: 'USAGE',
          },
        ]),
        'read',
      ),
    ).toBe(false);
  });
});
