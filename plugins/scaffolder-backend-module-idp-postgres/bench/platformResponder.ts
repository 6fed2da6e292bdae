import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import {
  ConnectCheck,
  DATABASE_ROLES,
  DatabaseRole,
  MAX_IDENTIFIER_BYTES,
  NewDatabaseCheck,
  databaseEntityRef,
  databaseName,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { IdpPostgresBackendClient } from '../src/platform/IdpPostgresBackendClient';

/**
 * A loopback HTTP server answering the two checks the actions ask the
 * idp-postgres backend, always "allowed", in the shape of the backend's
 * answers. The actions reach it through the real client over HTTP, so they
 * pay a real round trip; what the backend itself spends on a check is
 * measured by the backend's own benchmark (its checks in a namespace of 500
 * against 5), since this module never imports the backend.
 */
export async function startPlatformResponder() {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = (key: string) => url.searchParams.get(key) ?? '';
    const ref = { namespace: query('namespace'), name: query('name') };
    let body: NewDatabaseCheck | ConnectCheck | undefined;
    if (url.pathname === '/api/idp-postgres/checks/new-database') {
      body = {
        ...ref,
        database: databaseName(ref),
        roleNames: Object.fromEntries(
          DATABASE_ROLES.map(role => [role, roleName(ref, role)]),
        ) as Record<DatabaseRole, string>,
        bytesLeft:
          MAX_IDENTIFIER_BYTES - Buffer.byteLength(roleName(ref, 'admin')),
        allowed: true,
        production: false,
        problems: [],
      };
    } else if (url.pathname === '/api/idp-postgres/checks/connect') {
      const role = query('role') as DatabaseRole;
      body = {
        ...ref,
        role,
        appNamespace: query('appNamespace'),
        allowed: true,
        problems: [],
        warnings: [],
        secretName: roleName(ref, role),
        entityRef: databaseEntityRef(ref),
      };
    }
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: { name: 'NotFoundError' } }));
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
    /** Requests answered so far, to prove the actions asked. */
    requests: () => requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
