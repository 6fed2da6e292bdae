/** How the backend reaches one cluster's Kubernetes API. */
export type KubernetesAccess =
  | { auth: 'inCluster' }
  | { auth: 'kubeconfig'; context?: string }
  | {
      auth: 'url';
      url: string;
      token?: string;
      caFile?: string;
      skipTLSVerify: boolean;
    };

/**
 * TLS towards PostgreSQL. There is deliberately no plain variant: the
 * platform only accepts encrypted connections.
 */
export type PostgresSsl =
  | { mode: 'verify-full'; caFile: string; ca: string; servername?: string }
  | { mode: 'no-verify' };

/**
 * What restore writes in a cluster: the Secret itself, or an External
 * Secrets Operator ExternalSecret reading from this store.
 */
export interface RestoreWriteConfig {
  target: 'secret' | 'external-secret';
  secretStoreRef: { kind: string; name: string };
}

/** One Kubernetes cluster and the Aurora cluster behind it. */
export interface ClusterConfig {
  name: string;
  namespaces: string[];
  kubernetes: KubernetesAccess;
  secretsManager: {
    region: string;
    endpoint?: string;
    /** From `idpPostgres.platform.secretsManagerNamePattern`, the same for every cluster. */
    namePattern: string;
    /**
     * The AWS account of the secrets; credentials for it come from the
     * `aws` config (`@backstage/integration-aws-node`), the main account's
     * when undefined.
     */
    accountId?: string;
  };
  postgres: { host: string; port: number; ssl: PostgresSsl };
  customResource: { group: string; version: string; plural: string };
  restore: RestoreWriteConfig;
}

/** The in-cluster proxy apps connect through. */
export interface ProxyConfig {
  namespace: string;
  service: string;
  port: number;
}

/** Where the inventory reads the apps repo, and how often it refreshes. */
export interface InventoryConfig {
  /**
   * The apps repo's tree URL as the UrlReader reads it, e.g.
   * `https://github.com/org/apps/tree/main`; no inventory without it.
   */
  appsRepoUrl?: string;
  refreshIntervalMs: number;
  /** Owners of namespaces whose definitions name none (entity refs). */
  namespaceOwners: Record<string, string>;
  /** Databases checked at the same time during a refresh. */
  concurrency: number;
}

/** Who may act beyond the permission policy's owner rules. */
export interface AccessConfig {
  /**
   * Service principals (`plugin:<id>`, `external:<subject>`) allowed to
   * apply grants and restore secrets; nobody else without a user identity.
   */
  serviceSubjects: string[];
}

/** Notifications sent when a watched database is ready, removed or failed. */
export interface NotificationsConfig {
  /** How long a watch waits before it reports what is still missing. */
  watchMs: number;
}

/** The backup policy the monitoring report states, as the platform team configured it. */
export interface BackupsConfig {
  policy: string;
  link?: string;
}

/** Everything the plugin reads from config, with defaults applied. */
export interface PluginConfig {
  clusters: ClusterConfig[];
  proxy: ProxyConfig;
  links: { pgAdmin?: string; manual?: string; argoCd?: string; slack?: string };
  productionNamespacePatterns: string[];
  backups: BackupsConfig;
  timeouts: Record<'kubernetes' | 'secretsManager' | 'postgres', number>;
  cacheTtlMs: number;
  /**
   * Bytes of statuses this process keeps in memory (measured as JSON), so
   * the cache cannot grow without limit however many databases are viewed.
   */
  cacheMaxBytes: number;
  /** PostgreSQL connections open at once across the whole plugin. */
  maxPostgresConnections: number;
  inventory: InventoryConfig;
  access: AccessConfig;
  notifications: NotificationsConfig;
  /**
   * The frontend's base URL (the root config's `app.baseUrl`), for links to
   * a database's tab; relative links without it.
   */
  appBaseUrl?: string;
}
