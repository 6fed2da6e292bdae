export interface Config {
  /** Settings of the IDP PostgreSQL plugins. */
  idpPostgres?: {
    /**
     * Chart version of helm/idp-postgresql written into new database
     * definitions when a template does not choose one. An exact version such
     * as "0.5.0"; defaults to "0.5.0", the version the platform manual describes.
     * @visibility frontend
     */
    defaultChartVersion?: string;
    /**
     * Glob patterns (`*` and `?`) of Kubernetes namespaces that are production.
     * Databases in these namespaces must be created with deletion protection.
     * Defaults to ["*-prod"].
     * @visibility frontend
     */
    productionNamespacePatterns?: string[];
    /**
     * How the platform names a role's AWS Secrets Manager secret, with the
     * placeholders {namespace}, {database} and {role}. Defaults to
     * "customer/{namespace}/{namespace}-{database}-{role}".
     */
    secretsManagerNamePattern?: string;
  };
}
