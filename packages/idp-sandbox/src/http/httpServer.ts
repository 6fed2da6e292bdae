import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** Largest request body the emulators accept; real APIs cap far lower. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Reads a request body as text, refusing absurd sizes. */
export async function readBody(req: http.IncomingMessage): Promise<string> {
  return (await readBodyBytes(req)).toString('utf8');
}

/** Reads a request body as bytes, refusing absurd sizes. */
export function readBodyBytes(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Sends a JSON response. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends a 200 whose body is cut off mid-JSON, for fault injection. */
export function sendMalformed(res: http.ServerResponse, contentType: string) {
  const text = '{"malformed": tru';
  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Connections a server has accepted, for tests that assert how clients
 * connect (keep-alive, connection caps) rather than only what they send.
 *
 * @public
 */
export interface ConnectionCounts {
  /** Connections accepted since the last reset; over TLS, one handshake each. */
  accepted: number;
  /** Connections open now. */
  open: number;
  /** The most connections open at once since the last reset. */
  maxOpen: number;
}

/** Counts the sockets of one server as they open and close. */
export class ConnectionCounter {
  #accepted = 0;
  #open = 0;
  #maxOpen = 0;

  track(socket: net.Socket): void {
    this.#accepted += 1;
    this.#open += 1;
    this.#maxOpen = Math.max(this.#maxOpen, this.#open);
    socket.once('close', () => {
      this.#open -= 1;
    });
  }

  get counts(): ConnectionCounts {
    return {
      accepted: this.#accepted,
      open: this.#open,
      maxOpen: this.#maxOpen,
    };
  }

  /** Starts counting afresh; connections still open stay counted as open. */
  reset(): void {
    this.#accepted = 0;
    this.#maxOpen = this.#open;
  }
}

/**
 * A loopback HTTP server with start/stop, tracking sockets so `stop` does not
 * wait for idle keep-alive connections of clients that were never closed.
 */
export class LoopbackHttpServer {
  readonly #server: http.Server;
  readonly #scheme: 'http' | 'https';
  readonly #sockets = new Set<net.Socket>();
  readonly connections = new ConnectionCounter();
  #port?: number;

  /** With `tls` the server speaks HTTPS (kubectl sends tokens only over TLS). */
  constructor(
    handler: http.RequestListener,
    tls?: { cert: string; key: string },
  ) {
    this.#scheme = tls ? 'https' : 'http';
    this.#server = tls
      ? https.createServer({ cert: tls.cert, key: tls.key }, handler)
      : http.createServer(handler);
    // Over TLS only connections that finished their handshake are counted.
    this.#server.on(tls ? 'secureConnection' : 'connection', socket => {
      this.connections.track(socket);
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  get port(): number {
    if (this.#port === undefined) throw new Error('Server is not listening');
    return this.#port;
  }

  get url(): string {
    return `${this.#scheme}://127.0.0.1:${this.port}`;
  }

  /**
   * Listens on `port` (0 or undefined: any free port). A taken port fails
   * with EADDRINUSE: whoever chose the port decides what to do instead.
   */
  async listen(port = 0): Promise<number> {
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

  async close(): Promise<void> {
    if (this.#port === undefined) return;
    this.#port = undefined;
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }
}
