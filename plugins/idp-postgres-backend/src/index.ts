/**
 * The IDP PostgreSQL backend plugin: the platform inventory, and one API for
 * the status, connection details, grants and secret restore of IDP
 * PostgreSQL databases.
 *
 * @packageDocumentation
 */

export { idpPostgresPlugin as default } from './plugin';
export {
  createIdpPostgresDatabaseConditionalDecision,
  idpPostgresDatabaseConditions,
  idpPostgresDatabaseResourceRef,
  idpPostgresDatabaseRules,
} from './access/databaseRules';
export type { DatabaseQuery } from './access/databaseRules';
export { idpPostgresPolicyDecision } from './access/policyDecision';
export type { IdpPostgresPolicyOptions } from './access/policyDecision';
