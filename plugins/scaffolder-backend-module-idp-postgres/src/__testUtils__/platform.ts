import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { IdpPostgresBackendClient } from '../platform/IdpPostgresBackendClient';

/** A loopback port nothing listens on: connections to it are refused at once. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

/** A real client whose backend does not answer, for the paths that must fail (or go on) without it. */
export async function unreachableBackendClient(): Promise<IdpPostgresBackendClient> {
  const port = await closedPort();
  return new IdpPostgresBackendClient({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => `http://127.0.0.1:${port}/api/idp-postgres`,
    }),
    auth: mockServices.auth(),
  });
}
