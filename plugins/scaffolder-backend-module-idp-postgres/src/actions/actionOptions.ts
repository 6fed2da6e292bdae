import { Config } from '@backstage/config';
import { IdpPostgresBackendClient } from '../platform/IdpPostgresBackendClient';

/**
 * What every action of this module is created with.
 *
 * @public
 */
export interface IdpPostgresActionOptions {
  config: Config;
  /**
   * The idp-postgres backend, asked what the platform knows (duplicates,
   * name collisions, whether an app may connect). The module always passes
   * one; without it the actions check only what the workspace shows.
   */
  platform?: IdpPostgresBackendClient;
}
