/**
 * Scaffolder actions that write and edit idp-postgresql database
 * definitions in an apps repository.
 *
 * @packageDocumentation
 */

export { createCreateDatabaseAction } from './actions/createDatabase/createDatabase';
export { createConnectAppAction } from './actions/connectApp/connectApp';
export { createSetChartVersionAction } from './actions/setChartVersion/setChartVersion';
export { scaffolderModuleIdpPostgres as default } from './module';
