import net from 'node:net';

function listenOn(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function close(server: net.Server): Promise<void> {
  return new Promise(resolve => server.close(() => resolve()));
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = await listenOn(0);
  const port = (server.address() as net.AddressInfo).port;
  await close(server);
  return port;
}

/** Throws, naming the port and its use, when something listens on it. */
export async function assertPortFree(port: number, what: string) {
  try {
    await close(await listenOn(port));
  } catch {
    throw new Error(
      `Port ${port} (${what}) is in use: stop what listens there, or another adoption test run`,
    );
  }
}
