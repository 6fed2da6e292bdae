import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { generateTlsMaterial } from '../postgres/certificates';
import { superuserClientConfig } from '../postgres/PostgresConnectionInfo';
import { testPostgres } from '../testing/testPostgres';
import { FaultInjector } from './FaultInjector';
import { waitFor } from '../testing/waitFor';
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

  it('refuses connections while down, on the same port once up again', async () => {
    const before = proxy.port;
    await proxy.down();
    await expect(query()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.up();
    expect(proxy.port).toBe(before);
    expect(await query()).toBe(1);
  });

  it('answers with the reply bytes, as another service on the port would', async () => {
    proxy.faults.set('connect', { reply: 'HTTP/1.1 400 Bad Request\r\n\r\n' });
    // PostgreSQL's client asks for SSL first and gets an HTTP answer.
    await expect(query()).rejects.toThrow(
      'There was an error establishing an SSL connection',
    );
    proxy.faults.clear();
    expect(await query()).toBe(1);
  });
});

describe('TcpFaultProxy speaking TLS to its target', () => {
  const material = generateTlsMaterial();
  const target = https.createServer(
    { cert: material.serverCert, key: material.serverKey },
    (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"kind":"Secret"}');
    },
  );
  const faults = new FaultInjector();
  let proxied: TcpFaultProxy;

  beforeAll(async () => {
    await new Promise<void>(resolve =>
      target.listen(0, '127.0.0.1', () => resolve()),
    );
    proxied = new TcpFaultProxy({
      targetHost: '127.0.0.1',
      targetPort: (target.address() as AddressInfo).port,
      targetTls: { ca: material.caCert },
      faults,
    });
    await proxied.start();
  });
  afterAll(async () => {
    await proxied.stop();
    await new Promise(resolve => target.close(resolve));
  });
  afterEach(() => faults.clear());

  function get(): Promise<{ status?: number; body: string }> {
    return new Promise((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port: proxied.port, path: '/api/v1/x' },
          res => {
            let body = '';
            res.on('data', chunk => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode, body }));
          },
        )
        .on('error', reject);
    });
  }

  it('passes a plain client through to a TLS-only server', async () => {
    expect(await get()).toEqual({ status: 200, body: '{"kind":"Secret"}' });
  });

  it('answers a request with a canned reply of the wrong shape', async () => {
    const body = '{"items":"not a list"}';
    faults.set('data', {
      reply: `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    });
    expect(await get()).toEqual({ status: 200, body });
    faults.clear();
    expect(await get()).toEqual({ status: 200, body: '{"kind":"Secret"}' });
  });
});
