/**
 * A local stand-in for the IDP platform, for development and tests only:
 * PostgreSQL with TLS, Kubernetes and Secrets Manager API emulators, and a
 * reconciler over a local apps repo.
 *
 * @packageDocumentation
 */

export * from './logging/SandboxLogger';
export * from './state/sandboxPaths';
export * from './config/sandboxConfig';
export * from './config/repoAppConfig';
export * from './postgres/certificates';
export * from './postgres/PostgresConnectionInfo';
export * from './postgres/PostgresServer';
export type { PostgresDistribution } from './postgres/postgresDistribution';
export * from './faults/FaultInjector';
export * from './kubernetes/resourceTypes';
export * from './kubernetes/KubernetesEmulator';
export { KubernetesStore } from './kubernetes/KubernetesStore';
export type { KubeObject } from './kubernetes/objectValidation';
export * from './kubernetes/kubeconfig';
export * from './secretsManager/SecretsManagerEmulator';
export { SecretsManagerStore } from './secretsManager/SecretsManagerStore';
export * from './faults/TcpFaultProxy';
export * from './reconciler/AppsRepo';
export { KNOWN_CHART_VERSIONS } from './reconciler/desiredState';
export * from './reconciler/Reconciler';
export type { Condition } from './reconciler/conditions';
export * from './publisher/publishPullRequestAction';
export * from './publisher/sandboxPublisherModule';
export * from './sandbox/Sandbox';
export { PortInUseError } from './sandbox/ports';
export * from './seed/seedDemoData';
export * from './sandbox/ControlServer';
export * from './urlReader/SandboxAppsRepoUrlReader';
export * from './urlReader/sandboxUrlReaderFactory';
export { testPostgres } from './testing/testPostgres';
