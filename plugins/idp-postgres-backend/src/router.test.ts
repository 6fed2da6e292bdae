import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { idpPostgresPlugin } from './plugin';

const config = {
  idpPostgres: {
    clusters: [
      {
        name: 'dev',
        namespaces: ['idp-dev'],
        kubernetes: { auth: 'inCluster' },
        secretsManager: { region: 'eu-west-1' },
      },
    ],
  },
};

async function start(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    config?: object;
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      idpPostgresPlugin,
      mockServices.rootConfig.factory({ data: options.config ?? config }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
    ],
  });
  return server;
}

const base = '/api/idp-postgres';

describe('idp-postgres router', () => {
  it('serves /health without credentials', async () => {
    const server = await start();
    const res = await request(server).get(`${base}/health`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers 401 without credentials', async () => {
    const server = await start();
    const res = await request(server).get(
      `${base}/databases/idp-dev/my-db/connection`,
    );
    expect(res.status).toBe(401);
  });

  it.each([
    ['a user', mockCredentials.user.header()],
    ['a service', mockCredentials.service.header()],
  ])('returns connection details to %s', async (_, header) => {
    const server = await start();
    const res = await request(server)
      .get(`${base}/databases/idp-dev/my-db/connection`)
      .set('Authorization', header);
    expect(res.status).toBe(200);
    expect(res.body.database).toBe('idp-dev-my-db');
    expect(res.body.roles).toHaveLength(3);
  });

  it('never puts a password in connection details', async () => {
    const server = await start();
    const res = await request(server)
      .get(`${base}/databases/idp-dev/my-db/connection`)
      .set('Authorization', mockCredentials.user.header());
    // Every password position holds the placeholder or a secret reference.
    const text = JSON.stringify(res.body);
    const passwords = [
      ...text.matchAll(/\/\/[^:/"]+:([^@"]*)@/g),
      ...text.matchAll(/password=([^&"\s]*)/g),
      ...text.matchAll(/PGPASSWORD=\\"([^\\]*)\\"/g),
    ].map(m => m[1]);
    expect(passwords.length).toBeGreaterThan(10);
    for (const value of passwords) {
      expect(value).toBe('${DB_PASSWORD}');
    }
  });

  it.each([
    ['an uppercase namespace', 'IDP-dev/my-db'],
    ['an underscore in the name', 'idp-dev/my_db'],
    ['a name over 63 characters', `idp-dev/${'a'.repeat(64)}`],
    ['names too long for PostgreSQL together', `idp-dev/${'a'.repeat(50)}`],
  ])('answers 400 for %s', async (_, path) => {
    const server = await start();
    const res = await request(server)
      .get(`${base}/databases/${path}/connection`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
  });

  it('answers 404 for a namespace no cluster serves', async () => {
    const server = await start();
    const res = await request(server)
      .get(`${base}/databases/elsewhere/my-db/connection`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('answers 403 when the permission is denied', async () => {
    const server = await start({ permission: AuthorizeResult.DENY });
    const res = await request(server)
      .get(`${base}/databases/idp-dev/my-db/connection`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
  });

  it('starts without clusters, and every route says what to configure', async () => {
    const server = await start({ config: {} });
    expect((await request(server).get(`${base}/health`)).status).toBe(200);
    for (const path of [
      '/databases?namespace=idp-dev',
      '/inventory',
      '/databases/idp-dev/my-db',
      '/databases/idp-dev/my-db/connection',
    ]) {
      const res = await request(server)
        .get(`${base}${path}`)
        .set('Authorization', mockCredentials.user.header());
      expect([path, res.status, res.body.error.message]).toEqual([
        path,
        503,
        expect.stringContaining('add idpPostgres.clusters to app-config'),
      ]);
    }
  });

  it.each([
    [
      'POST',
      '/databases/idp-dev/my-db/drop',
      'The idp-postgres API has no route POST /databases/idp-dev/my-db/drop; see its OpenAPI spec for the routes.',
    ],
    [
      'GET',
      '/databases/%2e%2e/%2e%2e/catalog/entities',
      'The idp-postgres API has no route GET /databases/%2e%2e/%2e%2e/catalog/entities; see its OpenAPI spec for the routes.',
    ],
    [
      'GET',
      '/databases/../../catalog/entities',
      'The idp-postgres API has no route GET /databases/../../catalog/entities; see its OpenAPI spec for the routes.',
    ],
    [
      'DELETE',
      '/databases/idp-dev/my-db',
      'DELETE is not allowed on /databases/idp-dev/my-db; it answers GET.',
    ],
    [
      'GET',
      '/databases/idp-dev/my-db/grants/apply',
      'GET is not allowed on /databases/idp-dev/my-db/grants/apply; it answers POST.',
    ],
  ])(
    'answers %s %s, which no route serves, with a 404 that says so',
    async (method, path, message) => {
      const server = await start();
      const res = await request(server)
        [method.toLowerCase() as 'get' | 'post' | 'delete'](`${base}${path}`)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ name: 'NotFoundError', message });
    },
  );

  it('answers 413 to a body over the limit and 400 to malformed JSON', async () => {
    const server = await start();
    const post = (body: string) =>
      request(server)
        .post(`${base}/databases/idp-dev/my-db/restore`)
        .set('Authorization', mockCredentials.user.header())
        .set('Content-Type', 'application/json')
        .send(body);
    const large = await post(
      JSON.stringify({ dryRun: true, pad: 'x'.repeat(200_000) }),
    );
    expect(large.status).toBe(413);
    expect(large.body.error).toEqual({
      name: 'PayloadTooLargeError',
      message: 'The request body is larger than the 100kb this API accepts.',
      statusCode: 413,
    });
    const malformed = await post('{"dryRun": tru');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.name).toBe('InputError');
  });

  it('names the body properties a route does not take, and the ones it does', async () => {
    const server = await start();
    const post = (path: string, body: object) =>
      request(server)
        .post(`${base}${path}`)
        .set('Authorization', mockCredentials.user.header())
        .send(body);
    const restore = await post('/databases/idp-dev/my-db/restore', {
      dryRun: true,
      overwrite: true,
    });
    expect(restore.status).toBe(400);
    expect(restore.body.error).toMatchObject({
      name: 'InputError',
      message:
        'The request body has a property POST /databases/idp-dev/my-db/restore does not take: "overwrite". It takes dryRun, force, roles, restoreScheduledSecrets.',
    });
    // Many, and hostile: a few are named, printable and cut short.
    const keys = Object.fromEntries(
      ['a\nb', 'x'.repeat(500), 'c', 'd', 'e', 'f', 'g'].map(k => [k, 1]),
    );
    const watch = await post('/watches', {
      namespace: 'idp-dev',
      name: 'my-db',
      ...keys,
    });
    expect(watch.status).toBe(400);
    expect(watch.body.error.message).toBe(
      `The request body has properties POST /watches does not take: "a\\nb", "${'x'.repeat(
        60,
      )}", "c", "d", "e" and 2 more. It takes namespace, name, link, expect.`,
    );
    // Known properties with a wrong type are still the validator's.
    const wrongType = await post('/databases/idp-dev/my-db/restore', {
      dryRun: 'yes',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/dryRun must be boolean/);
  });

  it('serves the OpenAPI spec', async () => {
    const server = await start();
    const res = await request(server)
      .get(`${base}/openapi.json`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain(
      `${base}/databases/{namespace}/{name}/connection`,
    );
  });
});
