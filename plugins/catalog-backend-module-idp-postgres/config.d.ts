import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The IDP PostgreSQL entity provider: a catalog Resource for every
       * database of the platform inventory kept by the idp-postgres backend
       * plugin.
       */
      idpPostgres?: {
        /**
         * How often the provider reads the inventory. Replaces the whole
         * default, `{ frequency: { minutes: 1 }, timeout: { minutes: 2 },
         * initialDelay: { seconds: 15 } }`, so give at least `frequency` and
         * `timeout`. The task always runs with `scope: global` (one replica
         * at a time), whatever `scope` says here.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Owner (entity reference, kind defaults to group) of the Resources
         * whose database has no owner in the inventory: neither the apps repo
         * nor the backend's namespace owners name one. Defaults to
         * `group:default/platform-admins`.
         */
        ownerWhenUnknown?: string;
        /**
         * The scaffolder templates of a database's life (create, connect an
         * app, upgrade, protect, remove), shipped with this module and put
         * into the catalog with the org's settings: their apps repository
         * comes from `idpPostgres.platform.appsRepoUrl`, the one place the
         * apps repo is configured.
         */
        templates?: {
          /** Defaults to true; false leaves the templates out. */
          enabled?: boolean;
          /**
           * Owner (entity reference, kind defaults to group) of the Template
           * entities. Defaults to `ownerWhenUnknown`.
           */
          owner?: string;
        };
      };
    };
  };
}
