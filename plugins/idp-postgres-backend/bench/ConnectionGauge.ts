import net from 'node:net';

/**
 * A TCP relay in front of the sandbox's PostgreSQL proxy that counts the
 * connections open through it, the way the plugin's cap sees them: open
 * from the moment the client connects until the client gives the
 * connection up (its FIN, or the socket gone), whichever comes first.
 *
 * The sandbox proxy counts a connection until its own socket has closed,
 * which in this single process can come a moment after the plugin's client
 * already saw the close and handed its slot to the next connection; at the
 * proxy one connection can then seem to outlive its slot. Here the client's
 * FIN is seen before the client can see its own close, so a count above the
 * cap here is a real one.
 */
export class ConnectionGauge {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private open = 0;
  /** Connections accepted since the last reset. */
  accepted = 0;
  /** The most connections open at once since the last reset. */
  maxOpen = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer(client => this.relay(client));
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  async start(): Promise<void> {
    await new Promise<void>(resolve =>
      this.server.listen(0, '127.0.0.1', resolve),
    );
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  reset(): void {
    this.accepted = 0;
    this.maxOpen = this.open;
  }

  private relay(client: net.Socket) {
    this.accepted += 1;
    this.open += 1;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    let counted = true;
    const givenUp = () => {
      if (counted) {
        counted = false;
        this.open -= 1;
      }
    };
    client.once('end', givenUp);
    client.once('close', givenUp);
    const upstream = net.connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => this.sockets.delete(socket));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
