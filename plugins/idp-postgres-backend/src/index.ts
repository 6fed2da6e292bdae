/**
 * The IDP PostgreSQL backend plugin: one API for the status, connection
 * details, grants and secret restore of IDP PostgreSQL databases.
 *
 * @packageDocumentation
 */

export { idpPostgresPlugin as default } from './plugin';
