import net from 'node:net';

/**
 * Stands in for `kubectl port-forward svc/rds-proxy-… 5432:5432`: a loopback
 * TCP forward from `localPort` to the sandbox's PostgreSQL. The Kubernetes
 * emulator has no port-forward, and this is all a port-forward does.
 */
export async function startPortForward(
  localPort: number,
  targetPort: number,
): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(localPort, '127.0.0.1', () => resolve());
  });
  return {
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
