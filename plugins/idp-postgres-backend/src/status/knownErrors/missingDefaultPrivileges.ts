import { missingGrantsDetector } from './missingGrants';

/** The admin role's default privileges do not cover read and write. */
export const missingDefaultPrivileges = missingGrantsDetector({
  id: 'missing-default-privileges',
  kinds: ['default-tables', 'default-sequences'],
  sql: /^ALTER DEFAULT PRIVILEGES/,
});
