import net from 'node:net';
import tls from 'node:tls';
import { ConnectionCounter, ConnectionCounts } from '../http/httpServer';
import { SandboxLogger, silentLogger } from '../logging/SandboxLogger';
import { FaultInjector, FaultOutcome } from './FaultInjector';

/** @public */
export interface TcpFaultProxyOptions {
  targetHost: string;
  targetPort: number;
  /**
   * Speak TLS to the target while clients speak plain TCP to the proxy, so
   * the proxy sees the protocol in the clear: an HTTPS-only emulator (the
   * Kubernetes API) can then get canned `reply` answers. The target's
   * certificate is verified against `ca`.
   */
  targetTls?: { ca: string; servername?: string };
  faults?: FaultInjector;
  logger?: SandboxLogger;
}

/**
 * A byte-for-byte TCP proxy, meant for the front of PostgreSQL or an
 * emulator, that adds faults without understanding the protocol (TLS passes
 * through untouched unless `targetTls` says otherwise):
 *
 * - operation `connect`: `delayMs` before the upstream connection is made;
 *   `reply` answers the client's first bytes with the rule's bytes and
 *   closes; `dropConnection` (or any other failure) closes the client's
 *   socket at once, like a proxy that lost its backend.
 * - operation `data`: `delayMs` on every chunk from the client, a slow
 *   network; `reply` answers that chunk instead of passing it on.
 * - `down()` stops listening, so clients are refused (ECONNREFUSED) as by a
 *   service that is not running; `up()` listens again on the same port.
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
  #down = false;

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
    await this.#listen(port);
    this.#port = (this.#server.address() as net.AddressInfo).port;
    return this.#port;
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    if (this.#port === undefined) return;
    this.#port = undefined;
    if (this.#down) {
      this.#down = false;
      return;
    }
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }

  /**
   * Stops listening and closes every open connection: new connections are
   * refused until `up()`, as when the service behind the port is down.
   */
  async down(): Promise<void> {
    const port = this.port;
    if (this.#down) return;
    this.#down = true;
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
    this.#logger.info('Proxy down', { port });
  }

  /** Listens again on the port it had before `down()`. */
  async up(): Promise<void> {
    if (!this.#down) return;
    await this.#listen(this.port);
    this.#down = false;
  }

  #listen(port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
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
    if (outcome?.kind === 'reply') {
      // Answer whatever the client says first (PostgreSQL's SSLRequest, an
      // HTTP request), as a different service on this port would.
      client.once('data', () => answer(client, outcome));
      client.resume();
      return;
    }
    if (outcome) {
      client.destroy();
      return;
    }
    const { targetHost, targetPort, targetTls } = this.#options;
    const upstream = targetTls
      ? tls.connect({
          host: targetHost,
          port: targetPort,
          ca: targetTls.ca,
          servername: targetTls.servername ?? 'localhost',
        })
      : net.connect(targetPort, targetHost);
    this.#track(upstream);
    const closeClient = () => client.destroy();
    upstream.on('close', closeClient);
    client.on('close', () => upstream.destroy());
    upstream.pipe(client);
    client.on('data', chunk => {
      client.pause();
      this.faults
        .decide('data')
        .then(result => {
          if (result?.kind === 'reply') {
            // The upstream goes; the client still gets the reply.
            upstream.unpipe(client);
            upstream.off('close', closeClient);
            upstream.destroy();
            answer(client, result);
            return;
          }
          if (result) {
            client.destroy();
            return;
          }
          upstream.write(chunk);
          client.resume();
        })
        .catch(() => client.destroy());
    });
    upstream.once(targetTls ? 'secureConnect' : 'connect', () =>
      client.resume(),
    );
  }
}

/** Sends a `reply` fault's bytes and closes the connection. */
function answer(
  client: net.Socket,
  outcome: Extract<FaultOutcome, { kind: 'reply' }>,
) {
  client.end(outcome.bytes);
}
