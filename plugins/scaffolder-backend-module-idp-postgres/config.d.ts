export interface Config {
  idpPostgres?: {
    /**
     * Settings of the IDP PostgreSQL scaffolder actions. They also read the
     * platform's shared settings, `idpPostgres.platform` (production
     * namespaces, the Secrets Manager name pattern).
     */
    scaffolder?: {
      /**
       * Chart version of helm/idp-postgresql written into new database
       * definitions when a template does not choose one. An exact version
       * such as "0.5.0"; defaults to "0.5.0", the version the platform manual
       * describes.
       */
      defaultChartVersion?: string;
    };
  };
}
