export interface Config {
  idpPostgres?: {
    /**
     * Facts about the platform that every IDP PostgreSQL package reads: the
     * backend, the scaffolder actions and the catalog module. Set once here.
     */
    platform?: {
      /**
       * The apps repo the platform deploys from, as a tree URL such as
       * `https://github.com/<org>/apps/tree/main` (it needs an
       * `integrations.github` entry). The backend's inventory reads it; the
       * templates open their pull requests there. Without it there is no
       * inventory and the templates ask for a repository.
       */
      appsRepoUrl?: string;
      /**
       * Glob patterns (`*` and `?`) of Kubernetes namespaces that are
       * production. Databases there must be protected from deletion.
       * Defaults to `['*-prod']`.
       */
      productionNamespacePatterns?: string[];
      /**
       * How the platform names a role's AWS Secrets Manager secret, with the
       * placeholders `{namespace}`, `{database}` and `{role}`. Defaults to
       * `customer/{namespace}/{namespace}-{database}-{role}`.
       */
      secretsManagerNamePattern?: string;
    };
  };
}
