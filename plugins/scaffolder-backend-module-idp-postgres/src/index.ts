/**
 * Scaffolder actions that write and edit idp-postgresql database
 * definitions in an apps repository, and follow them through the platform.
 *
 * @packageDocumentation
 */

export { createCreateDatabaseAction } from './actions/createDatabase/createDatabase';
export { createConnectAppAction } from './actions/connectApp/connectApp';
export { createSetChartVersionAction } from './actions/setChartVersion/setChartVersion';
export { createSetDeletionProtectionAction } from './actions/setDeletionProtection/setDeletionProtection';
export { createRemoveDatabaseAction } from './actions/removeDatabase/removeDatabase';
export { createWaitForDatabaseAction } from './actions/waitForDatabase/waitForDatabase';
export { createForceDeleteSecretsAction } from './actions/forceDeleteSecrets/forceDeleteSecrets';
export { createPlanUpgradeAction } from './actions/planUpgrade/planUpgrade';
export type { IdpPostgresActionOptions } from './actions/actionOptions';
export { IdpPostgresBackendClient } from './platform/IdpPostgresBackendClient';
export type { ProgressExpectation } from './platform/IdpPostgresBackendClient';
export { scaffolderModuleIdpPostgres as default } from './module';
