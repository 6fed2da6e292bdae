import { missingGrantsDetector } from './missingGrants';

/** Read or write lacks a privilege on an existing table. */
export const missingTablePrivileges = missingGrantsDetector({
  id: 'missing-table-privileges',
  kinds: ['table'],
  sql: /ON ALL TABLES/,
});
