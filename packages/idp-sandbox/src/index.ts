/**
 * A local stand-in for the IDP platform, for development and tests only:
 * PostgreSQL with TLS, Kubernetes and Secrets Manager API emulators, and a
 * reconciler over a local apps repo.
 *
 * @packageDocumentation
 */

export * from './logging/SandboxLogger';
export * from './state/sandboxPaths';
export * from './postgres/certificates';
export * from './postgres/PostgresConnectionInfo';
export * from './postgres/PostgresServer';
