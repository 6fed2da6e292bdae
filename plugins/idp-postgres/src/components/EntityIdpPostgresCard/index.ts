export { EntityIdpPostgresCard } from './EntityIdpPostgresCard';
