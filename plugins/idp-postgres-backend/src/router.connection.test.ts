import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  ConnectionInfo,
  RoleConnection,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import { SandboxPlatform } from './__testUtils__/sandboxPlatform';

const platform = new SandboxPlatform();
const passwords: string[] = [];
const PROXY = 'rds-proxy-idp-rds-proxy.rds-proxy.svc.cluster.local';

const role = (info: ConnectionInfo, name: string): RoleConnection =>
  info.roles.find(r => r.role === name)!;

describe('GET /databases/{namespace}/{name}/connection against the sandbox', () => {
  let app: Parameters<typeof request>[0];

  async function connection(name: string): Promise<ConnectionInfo> {
    const res = await request(app)
      .get(`/api/idp-postgres/databases/idp-dev/${name}/connection`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    await expectMatchesSpec(res);
    for (const password of passwords) {
      expect(JSON.stringify(res.body)).not.toContain(password);
    }
    return res.body;
  }

  beforeAll(async () => {
    await platform.start();
    app = (await platform.startBackend()).server;
  });

  afterAll(async () => {
    await platform.stop();
  });

  afterEach(() => platform.clearFaults());

  it('takes host and port from each role’s secret, as DB_HOST and DB_PORT do', async () => {
    const ref = { namespace: 'idp-dev', name: 'conn-truth' };
    const db = await platform.provision(ref);
    passwords.push(...Object.values(db.passwords));
    // The write role's secret points somewhere else than the config says.
    platform.putKubernetesSecret(ref, 'write', {
      ...platform.secretValues(db, 'write'),
      endpoint: 'aurora-writer.idp.internal',
      port: '6432',
    });
    const info = await connection('conn-truth');
    const write = role(info, 'write');
    expect([write.host, write.port, write.endpointSource]).toEqual([
      'aurora-writer.idp.internal',
      6432,
      {
        from: 'role-secret',
        secretName: 'idp-dev/idp-dev-conn-truth-write',
        note: "The endpoint and port keys of Kubernetes secret idp-dev/idp-dev-conn-truth-write, which an app's DB_HOST and DB_PORT read.",
      },
    ]);
    for (const s of write.connectionStrings) {
      expect(s.value).toContain('aurora-writer.idp.internal');
      expect(s.value).toMatch(/6432/);
    }
    // The top-level host is the admin role's, read from its own secret.
    expect([info.host, info.port, info.endpointSource?.secretName]).toEqual([
      PROXY,
      5432,
      'idp-dev/idp-dev-conn-truth-admin',
    ]);
    expect(role(info, 'read').host).toBe(PROXY);
  });

  it('names the selected role’s own secrets in every hint', async () => {
    const info = await connection('conn-truth');
    for (const r of info.roles) {
      expect(r.passwordSource).toBe(
        `The "password" key of Secrets Manager secret customer/idp-dev/idp-dev-conn-truth-${r.role}, or of Kubernetes secret idp-dev/idp-dev-conn-truth-${r.role}.`,
      );
      const others = ['admin', 'write', 'read'].filter(o => o !== r.role);
      const hints = JSON.stringify({ ...r, role: undefined });
      for (const other of others) {
        expect(hints).not.toContain(`conn-truth-${other}`);
      }
    }
    // The shared hint names no role's secret.
    expect(info.local.passwordSource).not.toMatch(/conn-truth/);
  });

  it('falls back to the configured proxy for a missing or unusable secret, saying why', async () => {
    const ref = { namespace: 'idp-dev', name: 'conn-fallback' };
    const db = await platform.provision(ref);
    passwords.push(...Object.values(db.passwords));
    platform.deleteKubernetesSecret(ref, 'read');
    platform.putKubernetesSecret(ref, 'write', {
      ...platform.secretValues(db, 'write'),
      endpoint: 'https://aurora.idp.internal:5432/db',
    });
    const info = await connection('conn-fallback');
    expect(role(info, 'read')).toMatchObject({
      host: PROXY,
      port: 5432,
      endpointSource: {
        from: 'config',
        secretName: 'idp-dev/idp-dev-conn-fallback-read',
        note: "Kubernetes secret idp-dev/idp-dev-conn-fallback-read does not exist, so host and port are the configured proxy's (idpPostgres.proxy), not what an app's DB_HOST and DB_PORT would read.",
      },
    });
    expect(role(info, 'write').endpointSource).toMatchObject({
      from: 'config',
      note: expect.stringMatching(
        /^Kubernetes secret idp-dev\/idp-dev-conn-fallback-write is unusable: its endpoint is not a host name/,
      ),
    });
    expect(role(info, 'admin').endpointSource?.from).toBe('role-secret');
  });

  it('still answers when Kubernetes is down, from config, saying so', async () => {
    platform.kubernetesFaults.set('*', { status: 500 });
    const info = await connection('conn-truth');
    for (const r of info.roles) {
      expect(r.host).toBe(PROXY);
      expect(r.endpointSource).toMatchObject({
        from: 'config',
        note: expect.stringMatching(/could not be read \(.*HTTP 500/),
      });
    }
    expect(info.endpointSource?.from).toBe('config');
  });
});
