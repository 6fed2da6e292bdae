export * from './IdpPostgresApi';
export * from './IdpPostgresClient';
