import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import {
  Configuration,
  KubeConfig,
  RequestContext,
  SecurityAuthentication,
  ServerConfiguration,
  createConfiguration,
} from '@kubernetes/client-node';

/** How one cluster's API connections are kept. */
export interface KeepAliveOptions {
  /** Connections open at once to the cluster; further requests queue. */
  maxSockets: number;
  /** How long an unused connection stays open. */
  idleTimeoutMs: number;
}

/** The TLS options of KubeConfig's agents that decide who we talk to and as whom. */
const TLS_OPTION_NAMES = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'rejectUnauthorized',
  'servername',
] as const;

type TlsOptions = Pick<https.AgentOptions, (typeof TLS_OPTION_NAMES)[number]>;

/**
 * The auth method of a cluster's API clients: KubeConfig's own, except that
 * requests share one keep-alive agent. client-node 1.4.0 gives every request
 * a new agent, so every call paid a TLS handshake; here the agent KubeConfig
 * builds for a request only supplies the TLS options, and the shared agent
 * is rebuilt when those change (a rotated CA or client certificate).
 */
export class KeepAliveAuthentication implements SecurityAuthentication {
  private shared?: { fingerprint: string; agent: http.Agent };

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly options: KeepAliveOptions,
  ) {}

  getName(): string {
    return 'kubeconfig-keep-alive';
  }

  /** An API client of this cluster that uses this auth method. */
  makeApiClient<T>(ApiType: new (configuration: Configuration) => T): T {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) {
      throw new Error('No active cluster in the Kubernetes config');
    }
    return new ApiType(
      createConfiguration({
        baseServer: new ServerConfiguration(cluster.server, {}),
        authMethods: { default: this },
      }),
    );
  }

  async applySecurityAuthentication(context: RequestContext): Promise<void> {
    // Headers are applied per request, since tokens rotate (projected
    // service account tokens, exec plugins).
    await this.kubeConfig.applySecurityAuthentication(context);
    const agent = context.getAgent();
    // Proxy agents (cluster.proxyUrl) are left as KubeConfig made them.
    if (agent?.constructor === https.Agent) {
      context.setAgent(this.agentFor(https.Agent, tlsOptionsOf(agent)));
    } else if (agent?.constructor === http.Agent) {
      context.setAgent(this.agentFor(http.Agent, {}));
    }
  }

  /** Closes the shared agent's connections; for shutdown. */
  destroy(): void {
    this.shared?.agent.destroy();
    this.shared = undefined;
  }

  private agentFor(
    AgentType: typeof http.Agent | typeof https.Agent,
    tls: TlsOptions,
  ): http.Agent {
    const fingerprint = fingerprintOf(AgentType, tls);
    if (this.shared?.fingerprint !== fingerprint) {
      if (this.shared) retire(this.shared.agent);
      const agent = new AgentType({
        ...tls,
        keepAlive: true,
        maxSockets: this.options.maxSockets,
        maxTotalSockets: this.options.maxSockets,
        // Only idle sockets are closed on this timeout; requests have their own.
        timeout: this.options.idleTimeoutMs,
      });
      this.shared = { fingerprint, agent };
    }
    return this.shared.agent;
  }
}

function tlsOptionsOf(agent: https.Agent): TlsOptions {
  const tls: TlsOptions = {};
  for (const name of TLS_OPTION_NAMES) {
    if (agent.options[name] !== undefined) {
      Object.assign(tls, { [name]: agent.options[name] });
    }
  }
  return tls;
}

/** Identifies a set of TLS options, so changed ones get a new agent. */
function fingerprintOf(type: unknown, tls: TlsOptions): string {
  const hash = crypto.createHash('sha256');
  hash.update(type === https.Agent ? 'https' : 'http');
  for (const name of TLS_OPTION_NAMES) {
    hash.update(`\u0000${name}\u0000`);
    for (const part of [tls[name]].flat()) {
      if (part !== undefined) hash.update(bytesOf(part));
    }
  }
  return hash.digest('hex');
}

function bytesOf(value: unknown): Buffer | string {
  if (Buffer.isBuffer(value) || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  return JSON.stringify(value);
}

/**
 * Lets requests in flight on a replaced agent finish, then closes their
 * connections instead of keeping them idle.
 */
function retire(agent: http.Agent): void {
  agent.maxFreeSockets = 0;
  for (const sockets of Object.values(agent.freeSockets)) {
    sockets?.forEach(socket => socket.destroy());
  }
}
