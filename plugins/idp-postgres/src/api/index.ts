export * from './IdpPostgresApi';
export * from './IdpPostgresClient';
export * from './incompleteRestore';
