import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { generateTlsMaterial } from '../postgres/certificates';
import { FaultInjector } from '../faults/FaultInjector';
import {
  ConnectionCounts,
  LoopbackHttpServer,
  readBodyBytes,
  sendJson,
  sendMalformed,
} from '../http/httpServer';
import { SandboxLogger, silentLogger } from '../logging/SandboxLogger';
import {
  coreVersions,
  groupList,
  resourceList,
  versionDocument,
} from './discovery';
import {
  badRequest,
  injectedFailure,
  KubernetesStatusError,
  methodNotAllowed,
  notFound,
  unauthorized,
  unsupportedMediaType,
} from './KubernetesStatusError';
import { KubernetesStore } from './KubernetesStore';
import {
  DatabaseResourceType,
  DEFAULT_DATABASE_RESOURCE_TYPE,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { asKubeObject, KubeObject } from './objectValidation';
import { decodeProtobufBody, PROTOBUF_MEDIA_TYPE } from './protobufBody';
import { parseApiPath } from './requestPath';
import {
  apiVersionOf,
  databaseResourceType,
  NAMESPACES,
  ResourceType,
  SECRETS,
} from './resourceTypes';
import {
  matchesAll,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';

export type { ConnectionCounts } from '../http/httpServer';

/** @public */
export interface KubernetesEmulatorOptions {
  store?: KubernetesStore;
  /** Bearer token clients must send; random when not given. */
  token?: string;
  databaseResource?: DatabaseResourceType;
  /**
   * Further namespaced custom resource types to serve like the database
   * resource (stored as given, no controller behind them), e.g. the External
   * Secrets Operator's ExternalSecret for a product that creates one.
   */
  extraResourceTypes?: ResourceType[];
  faults?: FaultInjector;
  logger?: SandboxLogger;
  /**
   * Server certificate and its CA. The emulator speaks HTTPS because kubectl
   * (client-go) never sends a bearer token over plain HTTP. Generated when
   * not given.
   */
  tls?: { caCert: string; serverCert: string; serverKey: string };
}

const PATCH_TYPES = [
  'application/merge-patch+json',
  // Secrets have no list fields with merge keys, so a strategic merge patch
  // (kubectl patch's default) is a plain merge patch for them.
  'application/strategic-merge-patch+json',
];

/**
 * An HTTP server speaking the subset of the Kubernetes API the product uses:
 * namespaces, Secrets and the chart's database custom resource, with real
 * `Status` errors, bearer-token auth and the discovery documents kubectl reads.
 *
 * @public
 */
export class KubernetesEmulator {
  readonly store: KubernetesStore;
  readonly token: string;
  readonly faults: FaultInjector;
  readonly databaseResource: ResourceType;
  /** PEM of the CA clients must trust (goes into the kubeconfig). */
  readonly caCert: string;
  readonly #types: ResourceType[];
  readonly #logger: SandboxLogger;
  readonly #server: LoopbackHttpServer;

  constructor(options: KubernetesEmulatorOptions = {}) {
    this.store = options.store ?? new KubernetesStore();
    this.token = options.token ?? randomBytes(24).toString('base64url');
    this.faults = options.faults ?? new FaultInjector();
    this.databaseResource = databaseResourceType(
      options.databaseResource ?? DEFAULT_DATABASE_RESOURCE_TYPE,
    );
    this.#types = [
      NAMESPACES,
      SECRETS,
      this.databaseResource,
      ...(options.extraResourceTypes ?? []),
    ];
    this.#logger = options.logger ?? silentLogger;
    const tls = options.tls ?? generateTlsMaterial();
    this.caCert = tls.caCert;
    this.#server = new LoopbackHttpServer(
      (req, res) => {
        this.#handle(req, res).catch(error => this.#fail(res, error));
      },
      { cert: tls.serverCert, key: tls.serverKey },
    );
  }

  get url(): string {
    return this.#server.url;
  }

  /**
   * TLS connections clients made to the API (each one a handshake), so a
   * test can tell a client that reuses connections from one that does not.
   */
  get connections(): ConnectionCounts {
    return this.#server.connections.counts;
  }

  resetConnectionCounts(): void {
    this.#server.connections.reset();
  }

  async start(port?: number): Promise<string> {
    await this.#server.listen(port);
    this.#logger.info('Kubernetes API emulator listening', { url: this.url });
    return this.url;
  }

  async stop(): Promise<void> {
    await this.#server.close();
  }

  #authorised(req: http.IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.replace(/^Bearer /, ''));
    const expected = Buffer.from(this.token);
    return (
      header.startsWith('Bearer ') &&
      given.length === expected.length &&
      timingSafeEqual(given, expected)
    );
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = parseApiPath(url.pathname);
    // Like the API server's public-info-viewer role: the version is open
    // (kubectl probes it without credentials), everything else needs the token.
    if (path.kind !== 'version' && !this.#authorised(req)) throw unauthorized();
    const method = req.method ?? 'GET';
    this.#logger.debug('Kubernetes API request', {
      method,
      path: url.pathname,
    });
    if (path.kind !== 'object') {
      if (method !== 'GET') throw methodNotAllowed();
      sendJson(res, 200, this.#discovery(path));
      return;
    }
    const type = this.#types.find(
      t =>
        t.group === path.group &&
        t.version === path.version &&
        t.plural === path.plural,
    );
    if (!type) throw notFound('', url.pathname.slice(1));
    const namespace = type.namespaced ? path.namespace : undefined;
    const verb = this.#verb(method, path.name !== undefined);
    const outcome = await this.faults.decide(`${type.plural}.${verb}`);
    if (outcome?.kind === 'malformed') {
      sendMalformed(res, 'application/json');
      return;
    }
    if (outcome?.kind === 'fail') throw injectedFailure(outcome.status);
    if (outcome?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const body = ['POST', 'PUT', 'PATCH'].includes(method)
      ? await this.#readJson(req)
      : undefined;
    const name = path.name!;
    switch (verb) {
      case 'list':
        sendJson(res, 200, this.#list(type, namespace, url.searchParams));
        return;
      case 'get':
        sendJson(res, 200, this.store.get(type, namespace, name));
        return;
      case 'create':
        sendJson(
          res,
          201,
          this.store.create(type, namespace, asKubeObject(body)),
        );
        return;
      case 'replace':
        sendJson(
          res,
          200,
          this.store.replace(type, namespace, name, asKubeObject(body)),
        );
        return;
      case 'patch':
        sendJson(res, 200, this.store.patch(type, namespace, name, body));
        return;
      case 'delete':
        sendJson(res, 200, this.store.delete(type, namespace, name));
        return;
      default:
        throw methodNotAllowed();
    }
  }

  #verb(method: string, named: boolean): string {
    if (!named) {
      if (method === 'GET') return 'list';
      if (method === 'POST') return 'create';
    } else {
      if (method === 'GET') return 'get';
      if (method === 'PUT') return 'replace';
      if (method === 'PATCH') return 'patch';
      if (method === 'DELETE') return 'delete';
    }
    return 'unsupported';
  }

  async #readJson(req: http.IncomingMessage): Promise<unknown> {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0];
    if (req.method === 'PATCH' && !PATCH_TYPES.includes(contentType)) {
      throw unsupportedMediaType(contentType);
    }
    const bytes = await readBodyBytes(req);
    if (contentType === PROTOBUF_MEDIA_TYPE) return decodeProtobufBody(bytes);
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      throw badRequest('the request body is not valid JSON');
    }
  }

  #list(
    type: ResourceType,
    namespace: string | undefined,
    query: URLSearchParams,
  ) {
    const labels = parseLabelSelector(query.get('labelSelector') ?? '');
    const fieldSupport = ['metadata.name', 'metadata.namespace'];
    if (type.plural === 'secrets') fieldSupport.push('type');
    const fields = parseFieldSelector(
      query.get('fieldSelector') ?? '',
      fieldSupport,
    );
    const items = this.store
      .list(type, namespace)
      .filter(o => matchesAll(labels, o.metadata.labels ?? {}))
      .filter(o =>
        matchesAll(fields, {
          'metadata.name': o.metadata.name,
          'metadata.namespace': o.metadata.namespace,
          type: o.type as string | undefined,
        }),
      )
      // The API server leaves kind and apiVersion out of core list items.
      .map(o => (type.group ? o : withoutTypeMeta(o)));
    return {
      kind: `${type.kind}List`,
      apiVersion: apiVersionOf(type),
      metadata: { resourceVersion: this.store.resourceVersion },
      items,
    };
  }

  #discovery(path: ReturnType<typeof parseApiPath>) {
    switch (path.kind) {
      case 'version':
        return versionDocument();
      case 'coreVersions':
        return coreVersions(this.url.replace('https://', ''));
      case 'groups':
        return groupList(this.#types);
      case 'resources': {
        const types = this.#types.filter(
          t => t.group === path.group && t.version === path.version,
        );
        if (types.length === 0)
          throw notFound('', `${path.group}/${path.version}`);
        return resourceList(apiVersionOf(types[0]), types);
      }
      default:
        throw new KubernetesStatusError(
          404,
          'NotFound',
          'the server could not find the requested resource',
          {},
        );
    }
  }

  #fail(res: http.ServerResponse, error: unknown) {
    if (res.headersSent) return;
    const status =
      error instanceof KubernetesStatusError
        ? error
        : new KubernetesStatusError(
            500,
            'InternalError',
            `Internal error occurred: ${String(error)}`,
          );
    if (status.code >= 500 && !(error instanceof KubernetesStatusError)) {
      this.#logger.error('Kubernetes emulator failed', {
        error: String(error),
      });
    }
    sendJson(
      res,
      status.code,
      status.toStatus(),
      status.code === 429 ? { 'Retry-After': '1' } : {},
    );
  }
}

function withoutTypeMeta(obj: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return rest as KubeObject;
}
