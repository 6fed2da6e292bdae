import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import type { ResourceCondition } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  V1Secret,
} from '@kubernetes/client-node';
import type { ClusterConfig } from '../config/pluginConfig';
import { withTimeout } from '../service/withTimeout';
import { KeepAliveAuthentication } from './KeepAliveAuthentication';
import { kubeConfigFor } from './kubeConfigFor';

/**
 * Connections one cluster's API gets from us at most: enough for the list
 * route's parallel reads, few enough that a burst queues here rather than
 * piling onto the API server.
 */
export const KUBERNETES_MAX_SOCKETS = 16;
/**
 * Below the usual idle timeouts of load balancers in front of API servers
 * (60 s and up), so we close a connection before one is dropped under us.
 */
const KUBERNETES_IDLE_TIMEOUT_MS = 30_000;

/** The keys the chart's role secrets carry (provider-sql's connection secret). */
export const ROLE_SECRET_KEYS = [
  'endpoint',
  'port',
  'username',
  'password',
] as const;

/** A Kubernetes secret, decoded. Holds a password: never log or return it. */
export interface KubernetesSecret {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  data: Record<string, string>;
}

/** The chart's database custom resource, as far as we read it. */
export interface DatabaseResource {
  name: string;
  namespace: string;
  /** The database name in the chart values, when the resource says it. */
  databaseName?: string;
  /** The chart version that rendered it, when the resource says it. */
  chartVersion?: string;
  conditions: ResourceCondition[];
}

/**
 * The one place that talks to a cluster's Kubernetes API: role secrets and
 * the chart's database resources, through `@kubernetes/client-node`. Make
 * one per cluster and keep it: its requests share keep-alive connections.
 */
export class KubernetesGateway {
  private readonly auth: KeepAliveAuthentication;
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;

  constructor(
    private readonly cluster: ClusterConfig,
    private readonly timeoutMs: number,
    options: { maxSockets?: number } = {},
  ) {
    this.auth = new KeepAliveAuthentication(kubeConfigFor(cluster), {
      maxSockets: options.maxSockets ?? KUBERNETES_MAX_SOCKETS,
      idleTimeoutMs: KUBERNETES_IDLE_TIMEOUT_MS,
    });
    this.core = this.auth.makeApiClient(CoreV1Api);
    this.custom = this.auth.makeApiClient(CustomObjectsApi);
  }

  /** Closes the gateway's connections; for shutdown. */
  destroy(): void {
    this.auth.destroy();
  }

  /** A secret, or undefined when there is none. */
  async readSecret(
    namespace: string,
    name: string,
  ): Promise<KubernetesSecret | undefined> {
    try {
      const secret = await this.call(
        `reading secret ${namespace}/${name}`,
        this.core.readNamespacedSecret({ namespace, name }),
      );
      expectObjectNamed(secret, name);
      return decodeSecret(secret);
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) {
        return undefined;
      }
      throw this.wrap(error, `reading secret ${namespace}/${name}`);
    }
  }

  /**
   * Only the named keys of a secret, decoded; undefined when there is no
   * secret. For callers that must not hold the password: the other keys are
   * never decoded.
   */
  async readSecretKeys<K extends string>(
    namespace: string,
    name: string,
    keys: readonly K[],
  ): Promise<Partial<Record<K, string>> | undefined> {
    const what = `reading secret ${namespace}/${name}`;
    try {
      const secret = await this.call(
        what,
        this.core.readNamespacedSecret({ namespace, name }),
      );
      expectObjectNamed(secret, name);
      const data = secret.data ?? {};
      return Object.fromEntries(
        keys
          .filter(key => data[key] !== undefined)
          .map(key => [key, Buffer.from(data[key], 'base64').toString('utf8')]),
      ) as Partial<Record<K, string>>;
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) {
        return undefined;
      }
      throw this.wrap(error, what);
    }
  }

  /** Every secret in a namespace, in one list call. */
  async listSecrets(namespace: string): Promise<KubernetesSecret[]> {
    try {
      const list = await this.call(
        `listing secrets in ${namespace}`,
        this.core.listNamespacedSecret({ namespace }),
      );
      return expectList<V1Secret>(list).map(decodeSecret);
    } catch (error) {
      throw this.wrap(error, `listing secrets in ${namespace}`);
    }
  }

  /**
   * Creates a secret; a ConflictError when one of the name exists, so a
   * secret is never overwritten by accident.
   */
  async createSecret(secret: KubernetesSecret): Promise<void> {
    try {
      await this.call(
        `creating secret ${secret.namespace}/${secret.name}`,
        this.core.createNamespacedSecret({
          namespace: secret.namespace,
          body: {
            metadata: { name: secret.name, labels: secret.labels },
            type: 'Opaque',
            stringData: secret.data,
          },
        }),
      );
    } catch (error) {
      if (error instanceof ApiException && error.code === 409) {
        throw new ConflictError(
          `Secret ${secret.namespace}/${secret.name} already exists`,
        );
      }
      throw this.wrap(
        error,
        `creating secret ${secret.namespace}/${secret.name}`,
      );
    }
  }

  /**
   * Replaces an existing secret's labels and data; only restore with
   * `force` does this, after comparing the copies.
   */
  async replaceSecret(secret: KubernetesSecret): Promise<void> {
    const what = `replacing secret ${secret.namespace}/${secret.name}`;
    try {
      await this.call(
        what,
        this.core.replaceNamespacedSecret({
          namespace: secret.namespace,
          name: secret.name,
          body: {
            metadata: { name: secret.name, labels: secret.labels },
            type: 'Opaque',
            stringData: secret.data,
          },
        }),
      );
    } catch (error) {
      throw this.wrap(error, what);
    }
  }

  /**
   * Creates a namespaced custom object, or replaces the one of that name
   * (restore writes ExternalSecrets this way, so running it again updates
   * the object instead of failing on it).
   */
  async putCustomObject(
    type: { group: string; version: string; plural: string },
    object: { metadata: { name: string; namespace: string } },
  ): Promise<void> {
    const { name, namespace } = object.metadata;
    const address = { ...type, namespace };
    const what = `writing ${type.plural} ${namespace}/${name}`;
    try {
      try {
        await this.call(
          what,
          this.custom.createNamespacedCustomObject({
            ...address,
            body: object,
          }),
        );
      } catch (error) {
        if (!(error instanceof ApiException && error.code === 409)) throw error;
        const existing = (await this.call(
          what,
          this.custom.getNamespacedCustomObject({ ...address, name }),
        )) as { metadata?: { resourceVersion?: string } };
        const body = {
          ...object,
          metadata: {
            ...object.metadata,
            resourceVersion: existing.metadata?.resourceVersion,
          },
        };
        await this.call(
          what,
          this.custom.replaceNamespacedCustomObject({ ...address, name, body }),
        );
      }
    } catch (error) {
      throw this.wrap(error, what);
    }
  }

  /** The database resource of that name, or undefined. */
  async getDatabaseResource(
    namespace: string,
    name: string,
  ): Promise<DatabaseResource | undefined> {
    const { group, version, plural } = this.cluster.customResource;
    try {
      const object = await this.call(
        `reading ${plural} ${namespace}/${name}`,
        this.custom.getNamespacedCustomObject({
          group,
          version,
          namespace,
          plural,
          name,
        }),
      );
      expectObjectNamed(object, name);
      return toDatabaseResource(object);
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) {
        return undefined;
      }
      throw this.wrap(error, `reading ${plural} ${namespace}/${name}`);
    }
  }

  /** Every database resource in a namespace, in one list call. */
  async listDatabaseResources(namespace: string): Promise<DatabaseResource[]> {
    const { group, version, plural } = this.cluster.customResource;
    try {
      const list = (await this.call(
        `listing ${plural} in ${namespace}`,
        this.custom.listNamespacedCustomObject({
          group,
          version,
          namespace,
          plural,
        }),
      )) as unknown;
      return expectList(list).map(toDatabaseResource);
    } catch (error) {
      throw this.wrap(error, `listing ${plural} in ${namespace}`);
    }
  }

  private call<T>(what: string, work: Promise<T>): Promise<T> {
    return withTimeout(
      work,
      this.timeoutMs,
      `Kubernetes API of cluster ${this.cluster.name} ${what}`,
    );
  }

  private wrap(error: unknown, what: string): Error {
    if (error instanceof ServiceUnavailableError) {
      return error;
    }
    const detail =
      error instanceof ApiException
        ? `HTTP ${error.code}${statusReason(error.body)}`
        : failureOf(error);
    return new ServiceUnavailableError(
      `Kubernetes API of cluster ${this.cluster.name} failed ${what}: ${detail}`,
    );
  }
}

/**
 * The API server always names the object it returns. Anything else that
 * answers 200 (a gateway's page, a changed API) is the API's failure, so
 * the status shows the check unknown rather than judging a "secret" that
 * lacks every key, or a resource without conditions.
 */
function expectObjectNamed(object: unknown, name: string): void {
  const found = (object as { metadata?: { name?: unknown } } | undefined)
    ?.metadata?.name;
  if (found !== name) {
    throw new Error(`unexpected answer: not an object named ${name}`);
  }
}

/**
 * A list answer has its items, if none an empty list: without them, taking
 * the answer for "nothing there" would drop every database from the view.
 */
function expectList<T>(list: unknown): T[] {
  const items = (list as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) {
    throw new Error('unexpected answer: not a list');
  }
  return items as T[];
}

/**
 * A failure without an HTTP status, in words safe to show. A parse error's
 * message quotes the answer, which for a secret holds its values, so it is
 * not passed on.
 */
function failureOf(error: unknown): string {
  if ((error as Error)?.name === 'SyntaxError') {
    return 'an answer that is not valid JSON';
  }
  return (error as Error)?.message ?? String(error);
}

function statusReason(body: unknown): string {
  try {
    const status = typeof body === 'string' ? JSON.parse(body) : body;
    return status?.reason ? ` ${status.reason}` : '';
  } catch {
    return '';
  }
}

function decodeSecret(secret: V1Secret): KubernetesSecret {
  return {
    name: secret.metadata?.name ?? '',
    namespace: secret.metadata?.namespace ?? '',
    labels: secret.metadata?.labels ?? {},
    data: Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([key, value]) => [
        key,
        Buffer.from(value, 'base64').toString('utf8'),
      ]),
    ),
  };
}

function toDatabaseResource(object: unknown): DatabaseResource {
  const o = (object ?? {}) as {
    metadata?: { name?: string; namespace?: string };
    spec?: { name?: unknown; chartVersion?: unknown };
    status?: { conditions?: unknown };
  };
  const conditions = Array.isArray(o.status?.conditions)
    ? o.status!.conditions
    : [];
  return {
    name: o.metadata?.name ?? '',
    namespace: o.metadata?.namespace ?? '',
    databaseName: typeof o.spec?.name === 'string' ? o.spec.name : undefined,
    chartVersion:
      typeof o.spec?.chartVersion === 'string'
        ? o.spec.chartVersion
        : undefined,
    conditions: (conditions as Array<Record<string, unknown>>)
      .filter(c => typeof c?.type === 'string' && typeof c?.status === 'string')
      .map(c => ({
        type: c.type as string,
        status: c.status as string,
        reason: typeof c.reason === 'string' ? c.reason : undefined,
        message: typeof c.message === 'string' ? c.message : undefined,
        lastTransitionTime:
          typeof c.lastTransitionTime === 'string'
            ? c.lastTransitionTime
            : undefined,
      })),
  };
}
