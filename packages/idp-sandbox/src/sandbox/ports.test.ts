import net from 'node:net';
import { silentLogger } from '../logging/SandboxLogger';
import { listenFor, PortInUseError } from './ports';

async function occupy(): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return server;
}

const portOf = (server: net.Server) =>
  (server.address() as net.AddressInfo).port;

/*
 * The race the up-front check cannot close: a port taken between the check
 * and the listen. A fixed port must still fail, never move.
 */
describe('listenFor', () => {
  let blocker: net.Server;
  let server: net.Server | undefined;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve(portOf(s));
      });
    });

  beforeEach(async () => {
    blocker = await occupy();
  });
  afterEach(async () => {
    await new Promise(r => blocker.close(r));
    if (server) await new Promise(r => server!.close(r));
    server = undefined;
  });

  it('fails on a taken fixed port with its number and part', async () => {
    const taken = portOf(blocker);
    const error = await listenFor(
      'kubernetes',
      listen,
      { fixed: taken, previous: 1 },
      silentLogger,
    ).catch(e => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect(error.message).toContain(
      `Port ${taken} for the Kubernetes API emulator is in use`,
    );
  });

  it("moves off the previous run's port when it is taken and none is fixed", async () => {
    const port = await listenFor(
      'secretsManager',
      listen,
      { fixed: 0, previous: portOf(blocker) },
      silentLogger,
    );
    expect(port).not.toBe(portOf(blocker));
    expect(port).toBeGreaterThan(0);
  });
});
