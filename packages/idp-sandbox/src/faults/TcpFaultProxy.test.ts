import { Client } from 'pg';
import { superuserClientConfig } from '../postgres/PostgresConnectionInfo';
import { testPostgres } from '../testing/testPostgres';
import { TcpFaultProxy } from './TcpFaultProxy';

describe('TcpFaultProxy in front of the sandbox PostgreSQL', () => {
  const info = testPostgres();
  const proxy = new TcpFaultProxy({
    targetHost: info.host,
    targetPort: info.port,
  });
  let port: number;

  beforeAll(async () => {
    port = await proxy.start();
  });
  afterAll(() => proxy.stop());
  afterEach(() => proxy.faults.clear());

  async function query(connectionTimeoutMillis = 5000) {
    const client = new Client({
      ...superuserClientConfig(info),
      port,
      connectionTimeoutMillis,
    });
    try {
      await client.connect();
      const { rows } = await client.query('SELECT 1 AS one');
      return rows[0].one;
    } finally {
      await client.end().catch(() => {});
    }
  }

  it('passes TLS through so clients still verify the server', async () => {
    expect(await query()).toBe(1);
  });

  it('drops connections when told to', async () => {
    proxy.faults.set('connect', { dropConnection: true });
    await expect(query()).rejects.toThrow();
    proxy.faults.clear('connect');
    expect(await query()).toBe(1);
  });

  it('adds connect latency and per-chunk latency', async () => {
    proxy.faults.set('connect', { delayMs: 200 });
    let started = Date.now();
    await query();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);

    proxy.faults.clear();
    proxy.faults.set('data', { delayMs: 50 });
    started = Date.now();
    await query();
    // SSL request, TLS handshake, startup, SCRAM and the query: several chunks.
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('counts the connections open at once', async () => {
    proxy.resetConnectionCounts();
    const clients = [1, 2, 3].map(
      () => new Client({ ...superuserClientConfig(info), port }),
    );
    try {
      await Promise.all(clients.map(client => client.connect()));
      expect(proxy.connections).toEqual({ accepted: 3, open: 3, maxOpen: 3 });
    } finally {
      await Promise.all(clients.map(client => client.end()));
    }
    await waitFor(() => proxy.connections.open === 0);
    expect(await query()).toBe(1);
    await waitFor(() => proxy.connections.open === 0);
    expect(proxy.connections).toEqual({ accepted: 4, open: 0, maxOpen: 3 });
    proxy.resetConnectionCounts();
    expect(proxy.connections).toEqual({ accepted: 0, open: 0, maxOpen: 0 });
  });

  it('times out clients whose connect is slower than they wait', async () => {
    proxy.faults.set('connect', { delayMs: 1000 });
    await expect(query(200)).rejects.toThrow(/timeout/i);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
