/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IdpPostgresClient } from './IdpPostgresClient';
import { incompleteRestoreOf } from './incompleteRestore';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

// A real HTTP server stands in for the backend, so the client's URLs,
// methods, bodies and error handling are exercised over the wire.
describe('IdpPostgresClient', () => {
  let server: Server;
  let baseUrl: string;
  let seen: Seen[];
  let reply: { status: number; body: unknown };

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      seen.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      });
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/idp-postgres`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    seen = [];
    reply = { status: 200, body: {} };
  });

  const discovered: string[] = [];
  const client = () =>
    new IdpPostgresClient({
      discoveryApi: {
        getBaseUrl: async (pluginId: string) => {
          discovered.push(pluginId);
          return baseUrl;
        },
      },
      // Stands in for the app's fetchApi, which adds the user's token.
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: { ...init?.headers, Authorization: 'Bearer user-token' },
          }),
      },
    });
  const ref = { namespace: 'idp-dev', name: 'my-db' };

  it('lists the databases of a namespace', async () => {
    const items = [
      {
        namespace: 'idp-dev',
        name: 'my-db',
        database: 'idp-dev-my-db',
        state: 'ok',
        reason: 'All checks passed.',
      },
    ];
    reply = { status: 200, body: { items } };
    await expect(client().listDatabases('idp-dev')).resolves.toEqual(items);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/idp-postgres/databases?namespace=idp-dev',
      authorization: 'Bearer user-token',
    });
    expect(discovered).toContain('idp-postgres');
  });

  it('gets the status, and asks for a fresh one on refresh', async () => {
    reply = { status: 200, body: { name: 'my-db', state: 'warning' } };
    await expect(client().getStatus(ref)).resolves.toEqual({
      name: 'my-db',
      state: 'warning',
    });
    await client().getStatus(ref, { refresh: true });
    expect(seen.map(s => s.url)).toEqual([
      '/api/idp-postgres/databases/idp-dev/my-db',
      '/api/idp-postgres/databases/idp-dev/my-db?refresh=true',
    ]);
  });

  it('gets connection details and the grant report', async () => {
    reply = { status: 200, body: { database: 'idp-dev-my-db' } };
    await expect(client().getConnection(ref)).resolves.toEqual({
      database: 'idp-dev-my-db',
    });
    await client().getGrants(ref);
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'GET /api/idp-postgres/databases/idp-dev/my-db/connection',
      'GET /api/idp-postgres/databases/idp-dev/my-db/grants',
    ]);
  });

  it('gets the monitoring report with the user token', async () => {
    const report = {
      database: 'idp-dev-my-db',
      sizeBytes: 8_000_000,
      idleInTransaction: [],
      largestTables: [],
      unknown: ['Table upkeep: permission denied.'],
    };
    reply = { status: 200, body: report };
    await expect(client().getMonitoring(ref)).resolves.toEqual(report);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/idp-postgres/databases/idp-dev/my-db/monitoring',
      authorization: 'Bearer user-token',
    });
  });

  it('turns a failed monitoring request into a ResponseError', async () => {
    reply = {
      status: 503,
      body: {
        error: { name: 'ServiceUnavailableError', message: 'No answer' },
        response: { statusCode: 503 },
      },
    };
    const error = await client()
      .getMonitoring(ref)
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(503);
    expect(error.body.error.message).toBe('No answer');
  });

  it('applies grants with a POST', async () => {
    reply = { status: 200, body: { statements: ['GRANT …'], warnings: [] } };
    await expect(client().applyGrants(ref)).resolves.toMatchObject({
      statements: ['GRANT …'],
    });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/idp-postgres/databases/idp-dev/my-db/grants/apply',
    });
  });

  it('plans a restore as a dry run and restores without one, with every option in the body', async () => {
    reply = { status: 200, body: { items: [] } };
    await client().planRestore(ref, { roles: ['read'] });
    await client().restoreSecrets(ref, {
      force: true,
      roles: ['admin', 'write'],
      restoreScheduledSecrets: true,
    });
    expect(seen.map(s => s.url)).toEqual([
      '/api/idp-postgres/databases/idp-dev/my-db/restore',
      '/api/idp-postgres/databases/idp-dev/my-db/restore',
    ]);
    expect(seen.every(s => s.method === 'POST')).toBe(true);
    expect(seen.every(s => s.contentType === 'application/json')).toBe(true);
    expect(JSON.parse(seen[0].body)).toEqual({ roles: ['read'], dryRun: true });
    expect(JSON.parse(seen[1].body)).toEqual({
      force: true,
      roles: ['admin', 'write'],
      restoreScheduledSecrets: true,
      dryRun: false,
    });
  });

  it('checks a new database with the name as typed in the query', async () => {
    const check = {
      namespace: 'idp-dev',
      name: 'my-db',
      database: 'idp-dev-my-db',
      allowed: false,
      problems: [{ code: 'already-defined', message: 'Defined.' }],
    };
    reply = { status: 200, body: check };
    await expect(client().checkNewDatabase(ref)).resolves.toEqual(check);
    await client().checkNewDatabase({ namespace: 'a b', name: 'c&d=e' });
    expect(seen.map(s => `${s.method} ${s.url}`)).toEqual([
      'GET /api/idp-postgres/checks/new-database?namespace=idp-dev&name=my-db',
      'GET /api/idp-postgres/checks/new-database?namespace=a+b&name=c%26d%3De',
    ]);
    expect(seen[0].authorization).toBe('Bearer user-token');
  });

  it('gets the inventory', async () => {
    const inventory = {
      refreshedAt: '2026-11-20T10:15:00.000Z',
      databases: [{ namespace: 'idp-dev', name: 'my-db' }],
      removed: [],
      problems: [],
    };
    reply = { status: 200, body: inventory };
    await expect(client().getInventory()).resolves.toEqual(inventory);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/idp-postgres/inventory',
    });
  });

  it('encodes path parameters', async () => {
    await client().getGrants({ namespace: 'a/b', name: 'c?d' });
    expect(seen[0].url).toBe('/api/idp-postgres/databases/a%2Fb/c%3Fd/grants');
  });

  it('turns an error response into a ResponseError with the backend message', async () => {
    reply = {
      status: 403,
      body: {
        error: { name: 'NotAllowedError', message: 'Not allowed to apply' },
        response: { statusCode: 403 },
      },
    };
    const error = await client()
      .applyGrants(ref)
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe('Not allowed to apply');
    expect(error.cause.message).toBe('Not allowed to apply');
  });

  it('rejects a restore that did not complete, with the per-secret results readable from the error', async () => {
    const result = {
      namespace: 'idp-dev',
      name: 'my-db',
      dryRun: false,
      outcome: 'partial',
      items: [
        { role: 'write', action: 'create', outcome: 'done' },
        {
          role: 'read',
          action: 'create',
          outcome: 'failed',
          error: 'HTTP 500',
        },
      ],
    };
    reply = {
      status: 502,
      body: {
        error: {
          name: 'RestoreIncompleteError',
          message: '1 of 2 secrets could not be restored: read (HTTP 500)',
          result,
        },
        request: { method: 'POST', url: '/databases/idp-dev/my-db/restore' },
        response: { statusCode: 502 },
      },
    };
    const error = await client()
      .restoreSecrets(ref)
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
    expect(incompleteRestoreOf(error)).toEqual({
      message: '1 of 2 secrets could not be restored: read (HTTP 500)',
      result,
    });
  });

  it('reads no restore results from any other error', async () => {
    reply = {
      status: 503,
      body: {
        error: { name: 'ServiceUnavailableError', message: 'down' },
        response: { statusCode: 503 },
      },
    };
    const error = await client()
      .restoreSecrets(ref)
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(incompleteRestoreOf(error)).toBeUndefined();
    expect(incompleteRestoreOf(new Error('plain'))).toBeUndefined();
  });

  it('still gives a ResponseError when the body is not a Backstage error', async () => {
    reply = { status: 502, body: 'Bad gateway' };
    const error = await client()
      .getStatus(ref)
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });
});
