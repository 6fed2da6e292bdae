export * from './EntityIdpPostgresCard';
export * from './EntityIdpPostgresContent';
