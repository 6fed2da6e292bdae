export interface Config {
  /**
   * Configuration of the IDP PostgreSQL backend plugin (plugin id
   * `idp-postgres`). It also reads the platform's shared settings,
   * `idpPostgres.platform` (the apps repo, production namespaces, the
   * Secrets Manager name pattern), declared by the common package.
   */
  idpPostgres?: {
    /**
     * The Kubernetes clusters, one Aurora cluster each. A database's namespace
     * decides which cluster serves it; a namespace may be served by one cluster only.
     * Without any the plugin starts, warns, and its routes answer 503 saying what to configure.
     */
    clusters?: Array<{
      /** A short name for messages and logs, e.g. `dev`. */
      name: string;
      /** The namespaces this cluster serves. */
      namespaces: string[];
      /** How to reach the cluster's Kubernetes API. */
      kubernetes: {
        /**
         * `inCluster` uses the pod's service account; `kubeconfig` a context of
         * the default kubeconfig; `url` a URL and a service-account token.
         */
        auth: 'inCluster' | 'kubeconfig' | 'url';
        /** kubeconfig context, for `auth: kubeconfig`; the current context when left out. */
        context?: string;
        /** The API server URL, for `auth: url`. */
        url?: string;
        /**
         * Bearer token, for `auth: url`.
         * @visibility secret
         */
        token?: string;
        /** PEM file of the API server's CA, for `auth: url`. */
        caFile?: string;
        /** Skip verifying the API server's certificate; needed for `http:` test servers only. */
        skipTLSVerify?: boolean;
      };
      /** AWS Secrets Manager holding the platform's copies of the role secrets. */
      secretsManager: {
        region: string;
        /** Endpoint override, e.g. a local emulator; AWS's own endpoint when left out. */
        endpoint?: string;
        /**
         * The AWS account (12 digits) the secrets live in. Its credentials
         * come from the app's `aws` config (`aws.accounts`, `aws.accountDefaults`,
         * see `@backstage/integration-aws-node`); the main account's
         * (`aws.mainAccount`, else the AWS default chain) when left out.
         */
        accountId?: string;
      };
      /** How the backend reaches PostgreSQL for its checks. */
      postgres?: {
        /** Host the backend connects to; the proxy service's cluster DNS name when left out. */
        host?: string;
        /** Port the backend connects to; the proxy port when left out. */
        port?: number;
        /**
         * TLS settings: there is no plain mode, the platform refuses unencrypted connections.
         * `verify-full` checks the server certificate against `caFile`;
         * `no-verify` encrypts without checking it.
         */
        ssl?: {
          mode: 'verify-full' | 'no-verify';
          /** PEM bundle of the CA (the RDS global bundle), required for `verify-full`. */
          caFile?: string;
          /** Name to check the server certificate against, when it differs from `host`. */
          servername?: string;
        };
      };
      /** Where the chart's database custom resource lives. */
      customResource?: {
        /** Defaults to `idp.jppol.dk`. */
        group?: string;
        /** Defaults to `v1alpha1`. */
        version?: string;
        /** Defaults to `postgresqldatabases`. */
        plural?: string;
      };
      /** What the restore action writes in this cluster's namespaces. */
      restore?: {
        /**
         * `secret` (the default) writes the Kubernetes Secret from the Secrets
         * Manager value; `external-secret` writes an External Secrets Operator
         * `ExternalSecret` (`external-secrets.io/v1`) of the same name that
         * makes the Secret, so no value passes through Backstage.
         */
        target?: 'secret' | 'external-secret';
        /** The store the ExternalSecret reads from; defaults to ClusterSecretStore `aws-secrets`. */
        secretStoreRef?: {
          /** Defaults to `ClusterSecretStore`. */
          kind?: 'ClusterSecretStore' | 'SecretStore';
          /** Defaults to `aws-secrets`. */
          name?: string;
        };
      };
    }>;
    /** The in-cluster PostgreSQL proxy that apps and port-forwards go through. */
    proxy?: {
      /** Defaults to `rds-proxy`. */
      namespace?: string;
      /** Defaults to `rds-proxy-idp-rds-proxy`. */
      service?: string;
      /** Defaults to 5432. */
      port?: number;
    };
    /** Links shown next to a database. */
    links?: {
      pgAdmin?: string;
      manual?: string;
      argoCd?: string;
      slack?: string;
    };
    /**
     * What the monitoring report says about backups. The plugin cannot read
     * the platform's Aurora snapshot settings, so the platform team states
     * them here.
     */
    backups?: {
      /**
       * The backup policy in a sentence, e.g. "Aurora keeps automated
       * snapshots of the cluster for 7 days". When left out, the report says
       * the policy is not configured in Backstage.
       */
      policy: string;
      /** Where the platform documents it. */
      link?: string;
    };
    /** How long each system may take before its checks turn `unknown`, in milliseconds. */
    timeouts?: {
      /** Defaults to 5000. */
      kubernetesMs?: number;
      /** Defaults to 5000. */
      secretsManagerMs?: number;
      /** Defaults to 5000. */
      postgresMs?: number;
    };
    /**
     * How long a status is served from cache, in seconds; defaults to 30, 0
     * switches caching off (requests for the same database at the same time
     * still share one check). With a shared `backend.cache` store (redis,
     * valkey, memcache) every replica serves what one of them checked.
     */
    cacheTtlSeconds?: number;
    /**
     * Megabytes of statuses each backend process keeps in memory, measured
     * as JSON; the least recently viewed go first. Defaults to 64. A status
     * of a database with thousands of tables is about 2 MB.
     */
    cacheMaxMegabytes?: number;
    /**
     * PostgreSQL connections the plugin opens at once, across every request
     * and the inventory refresh; more wait their turn. Defaults to 10.
     */
    maxPostgresConnections?: number;
    /**
     * The platform inventory: every database, read in the background. It
     * reads the apps repo named by `idpPostgres.platform.appsRepoUrl`;
     * without one it knows no definitions or owners.
     */
    inventory?: {
      /** How often one replica refreshes the inventory, in seconds; defaults to 300. */
      refreshIntervalSeconds?: number;
      /**
       * Owners of namespaces, used for databases whose definition folder has
       * no `catalog-info.yaml` naming one, e.g. `{ team-a-prod: group:default/team-a }`.
       */
      namespaceOwners?: { [namespace: string]: string };
      /** Databases checked at the same time during a refresh; defaults to 4. */
      concurrency?: number;
    };
    /** Notifications about databases being created or removed, asked for through `POST /watches`. */
    notifications?: {
      /**
       * How long a watch waits for its database to become ready (or removed)
       * before it notifies what is still missing and ends, in hours; defaults to 24.
       */
      watchHours?: number;
    };
    /** Who may act besides the owners the permission policy allows. */
    access?: {
      /**
       * Service principals that may apply grants and restore secrets, e.g.
       * `external:ops-bot` or `plugin:scaffolder`. Every other caller without
       * a user identity is refused, whatever the policy says.
       */
      serviceSubjects?: string[];
      /**
       * Groups that may act on every database, also those with no owner;
       * read by the permission policy helper (`idpPostgresPolicyDecision`).
       */
      platformAdmins?: string[];
    };
  };
}
