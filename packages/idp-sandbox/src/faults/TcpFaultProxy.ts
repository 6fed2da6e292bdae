import net from 'node:net';
import { ConnectionCounter, ConnectionCounts } from '../http/httpServer';
import { SandboxLogger, silentLogger } from '../logging/SandboxLogger';
import { FaultInjector } from './FaultInjector';

/** @public */
export interface TcpFaultProxyOptions {
  targetHost: string;
  targetPort: number;
  faults?: FaultInjector;
  logger?: SandboxLogger;
}

/**
 * A byte-for-byte TCP proxy, meant for the front of PostgreSQL, that adds
 * faults without understanding the protocol (TLS passes through untouched):
 *
 * - operation `connect`: `delayMs` before the upstream connection is made;
 *   `dropConnection` (or any failure) closes the client's socket at once,
 *   like a proxy that lost its backend.
 * - operation `data`: `delayMs` on every chunk from the client, a slow network.
 *
 * @public
 */
export class TcpFaultProxy {
  readonly faults: FaultInjector;
  readonly #options: TcpFaultProxyOptions;
  readonly #logger: SandboxLogger;
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #connections = new ConnectionCounter();
  #port?: number;

  constructor(options: TcpFaultProxyOptions) {
    this.#options = options;
    this.faults = options.faults ?? new FaultInjector();
    this.#logger = options.logger ?? silentLogger;
    this.#server = net.createServer(client => {
      this.#connections.track(client);
      this.#track(client);
      this.#connect(client).catch(error => {
        this.#logger.warn('Proxy connection failed', { error: String(error) });
        client.destroy();
      });
    });
  }

  get port(): number {
    if (this.#port === undefined) throw new Error('Proxy is not listening');
    return this.#port;
  }

  /**
   * Client connections through the proxy: what the server behind it sees,
   * so a test can check a client's connection cap from the outside.
   */
  get connections(): ConnectionCounts {
    return this.#connections.counts;
  }

  resetConnectionCounts(): void {
    this.#connections.reset();
  }

  async start(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    this.#port = (this.#server.address() as net.AddressInfo).port;
    return this.#port;
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    if (this.#port === undefined) return;
    this.#port = undefined;
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }

  #track(socket: net.Socket) {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  async #connect(client: net.Socket) {
    // Hold what the client sends while the connect fault is decided.
    client.pause();
    const outcome = await this.faults.decide('connect');
    if (outcome) {
      client.destroy();
      return;
    }
    const upstream = net.connect(
      this.#options.targetPort,
      this.#options.targetHost,
    );
    this.#track(upstream);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.pipe(client);
    client.on('data', chunk => {
      client.pause();
      this.faults
        .decide('data')
        .then(result => {
          if (result) {
            client.destroy();
            return;
          }
          upstream.write(chunk);
          client.resume();
        })
        .catch(() => client.destroy());
    });
    upstream.once('connect', () => client.resume());
  }
}
