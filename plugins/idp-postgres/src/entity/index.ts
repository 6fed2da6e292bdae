export * from './isIdpPostgresAvailable';
export * from './useEntityDatabases';
export type { EntityDatabases } from './resolveEntityDatabases';
