import fs from 'node:fs';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import {
  DEFAULT_DATABASE_RESOURCE_TYPE,
  readPlatformConfig,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { z } from 'zod';
import type { ClusterConfig, PluginConfig, PostgresSsl } from './pluginConfig';

const DEFAULT_PROXY = {
  namespace: 'rds-proxy',
  service: 'rds-proxy-idp-rds-proxy',
  port: 5432,
};
const DEFAULT_TIMEOUT_MS = 5000;
/** The store later manuals restore protected databases' secrets from. */
const DEFAULT_SECRET_STORE_REF = {
  kind: 'ClusterSecretStore',
  name: 'aws-secrets',
};
const DEFAULT_CACHE_TTL_SECONDS = 30;
/**
 * Room for dozens of statuses of databases with thousands of tables (about
 * 2 MB each as JSON) or thousands of small ones.
 */
const DEFAULT_CACHE_MAX_MEGABYTES = 64;
/** Enough for a refresh and a few people at once; Aurora's limit is far higher. */
const DEFAULT_MAX_POSTGRES_CONNECTIONS = 10;
const DEFAULT_INVENTORY_REFRESH_SECONDS = 300;
const DEFAULT_INVENTORY_CONCURRENCY = 4;
/** A day: long enough for a pull request's review, merge and sync. */
const DEFAULT_WATCH_HOURS = 24;
/**
 * Said when the platform team has not stated its backup policy: the plugin
 * cannot read Aurora's snapshot settings, and must not guess them.
 */
export const DEFAULT_BACKUP_POLICY =
  "The platform's Aurora snapshot policy is not configured in Backstage (idpPostgres.backups.policy), so it cannot be shown here; ask the platform team how long snapshots of the cluster are kept.";

/**
 * A number as config gives it: also a numeric string, which is what an
 * environment substitution such as `port: ${PG_PORT}` yields (Backstage's
 * own `getNumber` accepts both).
 */
const configNumber = (schema: z.ZodNumber) =>
  z.preprocess(
    v =>
      typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v,
    schema,
  );
/** A boolean as config gives it, `true`/`false` strings included. */
const configBoolean = () =>
  z.preprocess(
    v => (v === 'true' || v === 'false' ? v === 'true' : v),
    z.boolean(),
  );

const port = configNumber(z.number().int().min(1).max(65535));
const nonEmpty = z.string().trim().min(1);

/** An entity reference, normalised to `kind:namespace/name`. */
function entityRefSchema(defaultKind: string) {
  return nonEmpty.transform((value, ctx) => {
    try {
      return stringifyEntityRef(parseEntityRef(value, { defaultKind }));
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}

const kubernetesSchema = z.discriminatedUnion('auth', [
  z.object({ auth: z.literal('inCluster') }).strict(),
  z
    .object({ auth: z.literal('kubeconfig'), context: nonEmpty.optional() })
    .strict(),
  z
    .object({
      auth: z.literal('url'),
      url: z.url(),
      token: nonEmpty.optional(),
      caFile: nonEmpty.optional(),
      skipTLSVerify: configBoolean().default(false),
    })
    .strict(),
]);

const sslSchema = z.discriminatedUnion('mode', [
  z
    .object({
      mode: z.literal('verify-full'),
      caFile: nonEmpty,
      servername: nonEmpty.optional(),
    })
    .strict(),
  z.object({ mode: z.literal('no-verify') }).strict(),
]);

const clusterSchema = z
  .object({
    name: nonEmpty,
    namespaces: z.array(nonEmpty).min(1),
    kubernetes: kubernetesSchema,
    secretsManager: z
      .object({
        region: nonEmpty,
        endpoint: z.url().optional(),
        accountId: z
          .preprocess(v => (typeof v === 'number' ? String(v) : v), z.string())
          .pipe(
            z.string().regex(/^\d{12}$/, {
              error: 'an AWS account ID is 12 digits',
            }),
          )
          .optional(),
      })
      .strict(),
    postgres: z
      .object({
        host: nonEmpty.optional(),
        port: port.optional(),
        ssl: sslSchema.default({ mode: 'no-verify' }),
      })
      .strict()
      .default({ ssl: { mode: 'no-verify' } }),
    customResource: z
      .object({
        group: nonEmpty.default(DEFAULT_DATABASE_RESOURCE_TYPE.group),
        version: nonEmpty.default(DEFAULT_DATABASE_RESOURCE_TYPE.version),
        plural: nonEmpty.default(DEFAULT_DATABASE_RESOURCE_TYPE.plural),
      })
      .strict()
      .default({
        group: DEFAULT_DATABASE_RESOURCE_TYPE.group,
        version: DEFAULT_DATABASE_RESOURCE_TYPE.version,
        plural: DEFAULT_DATABASE_RESOURCE_TYPE.plural,
      }),
    restore: z
      .object({
        target: z.enum(['secret', 'external-secret']).default('secret'),
        secretStoreRef: z
          .object({
            kind: z
              .enum(['ClusterSecretStore', 'SecretStore'])
              .default(DEFAULT_SECRET_STORE_REF.kind as 'ClusterSecretStore'),
            name: nonEmpty.default(DEFAULT_SECRET_STORE_REF.name),
          })
          .strict()
          .default({ ...DEFAULT_SECRET_STORE_REF } as {
            kind: 'ClusterSecretStore';
            name: string;
          }),
      })
      .strict()
      .default({
        target: 'secret',
        secretStoreRef: { ...DEFAULT_SECRET_STORE_REF } as {
          kind: 'ClusterSecretStore';
          name: string;
        },
      }),
  })
  .strict();

const timeout = configNumber(z.number().int().positive()).default(
  DEFAULT_TIMEOUT_MS,
);

const pluginSchema = z
  .object({
    // None yet is allowed: the plugin starts and its routes say what to configure.
    clusters: z.array(clusterSchema).default([]),
    proxy: z
      .object({
        namespace: nonEmpty.default(DEFAULT_PROXY.namespace),
        service: nonEmpty.default(DEFAULT_PROXY.service),
        port: port.default(DEFAULT_PROXY.port),
      })
      .strict()
      .default(DEFAULT_PROXY),
    links: z
      .object({
        pgAdmin: z.url().optional(),
        manual: z.url().optional(),
        argoCd: z.url().optional(),
        slack: z.url().optional(),
      })
      .strict()
      .default({}),
    backups: z
      .object({ policy: nonEmpty, link: z.url().optional() })
      .strict()
      .default({ policy: DEFAULT_BACKUP_POLICY }),
    timeouts: z
      .object({
        kubernetesMs: timeout,
        secretsManagerMs: timeout,
        postgresMs: timeout,
      })
      .strict()
      .default({
        kubernetesMs: DEFAULT_TIMEOUT_MS,
        secretsManagerMs: DEFAULT_TIMEOUT_MS,
        postgresMs: DEFAULT_TIMEOUT_MS,
      }),
    cacheTtlSeconds: configNumber(z.number().min(0)).default(
      DEFAULT_CACHE_TTL_SECONDS,
    ),
    cacheMaxMegabytes: configNumber(z.number().positive()).default(
      DEFAULT_CACHE_MAX_MEGABYTES,
    ),
    maxPostgresConnections: configNumber(z.number().int().min(1)).default(
      DEFAULT_MAX_POSTGRES_CONNECTIONS,
    ),
    inventory: z
      .object({
        refreshIntervalSeconds: configNumber(z.number().min(1)).default(
          DEFAULT_INVENTORY_REFRESH_SECONDS,
        ),
        namespaceOwners: z
          .record(z.string(), entityRefSchema('group'))
          .default({}),
        concurrency: configNumber(z.number().int().min(1)).default(
          DEFAULT_INVENTORY_CONCURRENCY,
        ),
      })
      .strict()
      .default({
        refreshIntervalSeconds: DEFAULT_INVENTORY_REFRESH_SECONDS,
        namespaceOwners: {},
        concurrency: DEFAULT_INVENTORY_CONCURRENCY,
      }),
    access: z
      .object({
        serviceSubjects: z.array(nonEmpty).default([]),
        // Read by the permission policy helper, not by the plugin.
        platformAdmins: z.array(entityRefSchema('group')).default([]),
      })
      .strict()
      .default({ serviceSubjects: [], platformAdmins: [] }),
    notifications: z
      .object({
        watchHours: configNumber(z.number().positive()).default(
          DEFAULT_WATCH_HOURS,
        ),
      })
      .strict()
      .default({ watchHours: DEFAULT_WATCH_HOURS }),
    // Blocks of the same idpPostgres key that other readers own: the shared
    // platform settings (read below with readPlatformConfig), the scaffolder
    // module's and the dev sandbox's. Allowed here, checked there.
    platform: z.unknown().optional(),
    scaffolder: z.unknown().optional(),
    sandbox: z.unknown().optional(),
  })
  .strict();

/**
 * Reads the `idpPostgres` config block and applies defaults. Fails at startup
 * with every problem and its key, so a bad config never reaches a request;
 * a missing block or no clusters is not a problem but an empty platform.
 */
export function readPluginConfig(config: Config): PluginConfig {
  const platform = readPlatformConfig(config);
  const raw = config.getOptional('idpPostgres') ?? {};
  assertNoMovedClusterKeys(raw);
  const parsed = pluginSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue => `idpPostgres.${formatPath(issue.path)}: ${issue.message}`,
    );
    throw new Error(`Invalid idp-postgres config: ${problems.join('; ')}`);
  }
  const value = parsed.data;
  assertNamespacesUnique(value.clusters);
  const proxyHost = `${value.proxy.service}.${value.proxy.namespace}.svc.cluster.local`;
  return {
    clusters: value.clusters.map(
      (cluster, index): ClusterConfig => ({
        name: cluster.name,
        namespaces: cluster.namespaces,
        kubernetes: cluster.kubernetes,
        secretsManager: {
          ...cluster.secretsManager,
          namePattern: platform.secretsManagerNamePattern,
        },
        postgres: {
          host: cluster.postgres.host ?? proxyHost,
          port: cluster.postgres.port ?? value.proxy.port,
          ssl: readSsl(cluster.postgres.ssl, index),
        },
        customResource: cluster.customResource,
        restore: cluster.restore,
      }),
    ),
    proxy: value.proxy,
    links: value.links,
    productionNamespacePatterns: platform.productionNamespacePatterns,
    backups: value.backups,
    timeouts: {
      kubernetes: value.timeouts.kubernetesMs,
      secretsManager: value.timeouts.secretsManagerMs,
      postgres: value.timeouts.postgresMs,
    },
    cacheTtlMs: value.cacheTtlSeconds * 1000,
    cacheMaxBytes: Math.round(value.cacheMaxMegabytes * 1024 * 1024),
    maxPostgresConnections: value.maxPostgresConnections,
    inventory: {
      appsRepoUrl: platform.appsRepoUrl,
      refreshIntervalMs: value.inventory.refreshIntervalSeconds * 1000,
      namespaceOwners: value.inventory.namespaceOwners,
      concurrency: value.inventory.concurrency,
    },
    access: { serviceSubjects: value.access.serviceSubjects },
    notifications: {
      watchMs: value.notifications.watchHours * 3_600_000,
    },
    // Without a trailing slash, so links are the base URL plus a path.
    appBaseUrl: config.getOptionalString('app.baseUrl')?.replace(/\/+$/, ''),
  };
}

/**
 * Per-cluster settings of earlier releases, named with where they live now:
 * the strict schema would only call them unknown.
 */
function assertNoMovedClusterKeys(raw: unknown) {
  const clusters = (raw as { clusters?: unknown })?.clusters;
  if (!Array.isArray(clusters)) return;
  const problems = clusters.flatMap((cluster, index) => {
    const sm = (cluster as { secretsManager?: Record<string, unknown> })
      ?.secretsManager;
    const key = `idpPostgres.clusters[${index}].secretsManager`;
    return [
      ...(sm && 'namePattern' in sm
        ? [
            `${key}.namePattern has moved to idpPostgres.platform.secretsManagerNamePattern (one pattern for every cluster)`,
          ]
        : []),
      ...(sm && 'credentials' in sm
        ? [
            `${key}.credentials has moved to aws.mainAccount or aws.accounts (@backstage/integration-aws-node); name the cluster's account with ${key}.accountId`,
          ]
        : []),
    ];
  });
  if (problems.length > 0) {
    throw new Error(`Config has changed: ${problems.join('; ')}`);
  }
}

function readSsl(
  ssl: z.infer<typeof sslSchema>,
  clusterIndex: number,
): PostgresSsl {
  if (ssl.mode === 'no-verify') {
    return ssl;
  }
  try {
    return { ...ssl, ca: fs.readFileSync(ssl.caFile, 'utf8') };
  } catch (error) {
    throw new Error(
      `Invalid idp-postgres config: idpPostgres.clusters[${clusterIndex}].postgres.ssl.caFile "${
        ssl.caFile
      }" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

function assertNamespacesUnique(
  clusters: Array<{ name: string; namespaces: string[] }>,
) {
  const owner = new Map<string, string>();
  for (const cluster of clusters) {
    for (const namespace of cluster.namespaces) {
      const previous = owner.get(namespace);
      if (previous !== undefined) {
        throw new Error(
          `Invalid idp-postgres config: namespace "${namespace}" is served by both cluster "${previous}" and "${cluster.name}"`,
        );
      }
      owner.set(namespace, cluster.name);
    }
  }
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number'
        ? `[${part}]`
        : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
