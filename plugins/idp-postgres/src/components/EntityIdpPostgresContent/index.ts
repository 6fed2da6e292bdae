export { EntityIdpPostgresContent } from './EntityIdpPostgresContent';
