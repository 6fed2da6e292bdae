/**
 * The IDP PostgreSQL entity tab and card: status with the next action,
 * known errors, connection details, SSL guidance, monitoring, grants and
 * restore of a team's databases; and the scaffolder form fields that name
 * a database and its deletion protection.
 *
 * @packageDocumentation
 */

export * from './api';
export { isIdpPostgresAvailable } from './entity';
export {
  idpPostgresPlugin,
  EntityIdpPostgresContent,
  EntityIdpPostgresCard,
  IdpPostgresDatabaseNameFieldExtension,
  IdpPostgresDeletionProtectionFieldExtension,
} from './plugin';
export type { DatabaseNameUiOptions } from './scaffolder/DatabaseNameField/schema';
export type { DeletionProtectionUiOptions } from './scaffolder/DeletionProtectionField/schema';
