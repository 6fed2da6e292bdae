import { missingGrantsDetector } from './missingGrants';

/** Read or write lacks a privilege on an existing sequence. */
export const missingSequencePrivileges = missingGrantsDetector({
  id: 'missing-sequence-privileges',
  kinds: ['sequence'],
  sql: /ON ALL SEQUENCES/,
});
