import { missingGrantsDetector } from './missingGrants';

/** Read or write lacks USAGE on schema public. */
export const missingSchemaUsage = missingGrantsDetector({
  id: 'missing-schema-usage',
  kinds: ['schema'],
  sql: /^GRANT USAGE ON SCHEMA/,
});
