import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { IdpPostgresBackendClient } from './IdpPostgresBackendClient';

/**
 * A bare HTTP responder that answers every request with one status and a
 * Backstage error body, and records what it was asked: it stands in for no
 * behaviour of the backend, only for HTTP, to check how the client sends
 * requests and turns failed responses into errors.
 */
async function responder(status: number, body: unknown) {
  const requests: {
    method?: string;
    url?: string;
    auth?: string;
    body: string;
  }[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', chunk => {
      text += chunk;
    });
    req.on('end', () => {
      requests.push({
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        body: text,
      });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new IdpPostgresBackendClient({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => `http://127.0.0.1:${port}/api/idp-postgres`,
    }),
    auth: mockServices.auth(),
  });
  return {
    client,
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

const errorBody = (name: string, message: string, statusCode: number) => ({
  error: { name, message },
  request: { method: 'POST', url: '/x' },
  response: { statusCode },
});

const user = mockCredentials.user('user:default/ann');
const ref = { namespace: 'idp-dev', name: 'my-db' };

describe('IdpPostgresBackendClient', () => {
  it.each([
    [403, 'NotAllowedError'],
    [409, 'ConflictError'],
    [400, 'InputError'],
    [500, 'ResponseError'],
  ])(
    'turns %s into a %s that says what could not be done',
    async (status, name) => {
      const backend = await responder(
        status,
        errorBody(name, 'the backend says why', status),
      );
      try {
        const attempt = backend.client.forceDeleteSecrets(user, ref, {
          dryRun: true,
        });
        await expect(attempt).rejects.toMatchObject({ name });
        await expect(attempt).rejects.toThrow(
          /^Could not check the forced deletion of the Secrets Manager secrets of idp-dev\/my-db: the backend says why; caused by ResponseError: Request failed with \d+/,
        );
        expect(backend.requests).toEqual([
          {
            method: 'POST',
            url: '/api/idp-postgres/databases/idp-dev/my-db/secrets/force-delete',
            auth: expect.stringMatching(/^Bearer .+/),
            body: '{"dryRun":true}',
          },
        ]);
      } finally {
        await backend.close();
      }
    },
  );

  it('reads a 404 on progress as "the platform does not know it"', async () => {
    const backend = await responder(
      404,
      errorBody('NotFoundError', 'no such database', 404),
    );
    try {
      await expect(
        backend.client.progress(user, ref, 'ready'),
      ).resolves.toBeUndefined();
      expect(backend.requests[0].url).toBe(
        '/api/idp-postgres/databases/idp-dev/my-db/progress?expect=ready',
      );
    } finally {
      await backend.close();
    }
  });

  it('sends the check queries encoded', async () => {
    const backend = await responder(200, { allowed: true });
    try {
      await backend.client.checkConnect(user, {
        ...ref,
        role: 'read',
        appNamespace: 'idp-test',
      });
      await backend.client.checkNewDatabase(user, ref);
      expect(backend.requests.map(r => r.url)).toEqual([
        '/api/idp-postgres/checks/connect?namespace=idp-dev&name=my-db&role=read&appNamespace=idp-test',
        '/api/idp-postgres/checks/new-database?namespace=idp-dev&name=my-db',
      ]);
    } finally {
      await backend.close();
    }
  });
});
