/**
 * The IDP PostgreSQL entity tab and card: status, connection details, SSL
 * guidance, known errors, grants and restore of a team's databases.
 *
 * @packageDocumentation
 */

export * from './api';
export { isIdpPostgresAvailable } from './entity';
export {
  idpPostgresPlugin,
  EntityIdpPostgresContent,
  EntityIdpPostgresCard,
} from './plugin';
