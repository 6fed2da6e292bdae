import type {
  GrantObjectKind,
  GrantedRole,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** The schema the manual's grants are about; the chart uses no other. */
export const SCHEMA = 'public';

/** Every privilege we look at per kind of object, to find missing and extra ones. */
export const ALL_PRIVILEGES: Record<'schema' | 'table' | 'sequence', string[]> =
  {
    schema: ['USAGE', 'CREATE'],
    table: [
      'SELECT',
      'INSERT',
      'UPDATE',
      'DELETE',
      'TRUNCATE',
      'REFERENCES',
      'TRIGGER',
    ],
    sequence: ['USAGE', 'SELECT', 'UPDATE'],
  };

/**
 * What each role should have, straight from the manual's "Grant privileges"
 * cheatsheet. Default privileges use the table and sequence lists.
 */
export const EXPECTED_PRIVILEGES: Record<
  GrantedRole,
  Record<'schema' | 'table' | 'sequence', string[]>
> = {
  write: {
    schema: ['USAGE'],
    table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
    sequence: ['USAGE', 'SELECT', 'UPDATE'],
  },
  read: {
    schema: ['USAGE'],
    table: ['SELECT'],
    sequence: ['SELECT'],
  },
};

/** The object kind whose privilege list applies to a finding's kind. */
export function privilegeListOf(
  kind: GrantObjectKind,
): 'schema' | 'table' | 'sequence' {
  if (kind === 'default-tables') return 'table';
  if (kind === 'default-sequences') return 'sequence';
  return kind;
}
