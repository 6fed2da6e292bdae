import { testPostgres } from '@jppol-idp/idp-sandbox';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ConfigReader } from '@backstage/config';
import { NotFoundError, InputError } from '@backstage/errors';
import { Client } from 'pg';
import {
  createPlatformDatabase,
  PlatformDatabase,
} from '../__testUtils__/sandboxPostgres';
import { readPluginConfig } from '../config/readPluginConfig';
import { connectionInfo } from './connectionInfo';
import { PASSWORD_PLACEHOLDER } from './connectionStrings';

const run = promisify(execFile);

const config = readPluginConfig(
  new ConfigReader({
    idpPostgres: {
      clusters: [
        {
          name: 'dev',
          namespaces: ['idp-dev', 'shop-prod'],
          kubernetes: { auth: 'inCluster' },
          secretsManager: { region: 'eu-west-1' },
        },
      ],
      links: { pgAdmin: 'https://pgadmin.example.com' },
    },
  }),
);

describe('connectionInfo', () => {
  const info = connectionInfo({ namespace: 'idp-dev', name: 'my-db' }, config);

  it('names the database, host, port and one user per role', () => {
    expect(info.database).toBe('idp-dev-my-db');
    expect(info.host).toBe(
      'rds-proxy-idp-rds-proxy.rds-proxy.svc.cluster.local',
    );
    expect(info.port).toBe(5432);
    expect(info.roles.map(r => [r.role, r.username, r.secretName])).toEqual([
      ['admin', 'idp-dev-my-db-admin', 'idp-dev-my-db-admin'],
      ['write', 'idp-dev-my-db-write', 'idp-dev-my-db-write'],
      ['read', 'idp-dev-my-db-read', 'idp-dev-my-db-read'],
    ]);
    expect(info.links).toEqual({ pgAdmin: 'https://pgadmin.example.com' });
  });

  it('gives the Helm env block exactly in the manual’s shape', () => {
    const admin = info.roles.find(r => r.role === 'admin')!;
    const secretRef = (key: string) => ({
      secretKeyRef: { name: 'idp-dev-my-db-admin', key },
    });
    expect(admin.helmEnv).toEqual([
      { name: 'DB_NAME', value: 'idp-dev-my-db' },
      { name: 'DB_USER', valueFrom: secretRef('username') },
      { name: 'DB_PASSWORD', valueFrom: secretRef('password') },
      { name: 'DB_HOST', valueFrom: secretRef('endpoint') },
      { name: 'DB_PORT', valueFrom: secretRef('port') },
    ]);
  });

  it('uses SSL parameters each client library understands', () => {
    const read = info.roles.find(r => r.role === 'read')!;
    const byClient = Object.fromEntries(
      read.connectionStrings.map(s => [s.client, s.value]),
    );
    const host = 'rds-proxy-idp-rds-proxy.rds-proxy.svc.cluster.local:5432';
    expect(byClient).toEqual({
      'node-postgres': `postgres://idp-dev-my-db-read:\${DB_PASSWORD}@${host}/idp-dev-my-db?sslmode=no-verify`,
      jdbc: `jdbc:postgresql://${host}/idp-dev-my-db?ssl=true&sslmode=require&user=idp-dev-my-db-read&password=\${DB_PASSWORD}`,
      psycopg: `postgresql://idp-dev-my-db-read:\${DB_PASSWORD}@${host}/idp-dev-my-db?sslmode=require`,
      pgx: `postgresql://idp-dev-my-db-read:\${DB_PASSWORD}@${host}/idp-dev-my-db?sslmode=require`,
      psql: `PGPASSWORD="\${DB_PASSWORD}" psql "host=rds-proxy-idp-rds-proxy.rds-proxy.svc.cluster.local port=5432 dbname=idp-dev-my-db user=idp-dev-my-db-read sslmode=require"`,
    });
  });

  it('gives the port-forward command and local settings from config', () => {
    expect(info.local.portForwardCommand).toBe(
      'kubectl port-forward -n rds-proxy svc/rds-proxy-idp-rds-proxy 5432:5432',
    );
    expect(info.local.host).toBe('localhost');
    // Each role names its own secrets; no role's name stands for all.
    expect(
      info.roles.map(r => [r.role, r.secretName, r.secretsManagerSecretName]),
    ).toEqual([
      ['admin', 'idp-dev-my-db-admin', 'customer/idp-dev/idp-dev-my-db-admin'],
      ['write', 'idp-dev-my-db-write', 'customer/idp-dev/idp-dev-my-db-write'],
      ['read', 'idp-dev-my-db-read', 'customer/idp-dev/idp-dev-my-db-read'],
    ]);
    expect(info.local.passwordSource).not.toMatch(/idp-dev-my-db/);
    expect(info.local.connectionStrings).toHaveLength(15);
    for (const s of info.local.connectionStrings) {
      expect(s.value).toContain('localhost');
      expect(s.sslNote).toMatch(/port-forward/);
    }
  });

  it('recommends verify-full in production namespaces', () => {
    const prod = connectionInfo({ namespace: 'shop-prod', name: 'x' }, config);
    expect(prod.roles[0].connectionStrings[0].sslNote).toMatch(
      /production namespace: verifying the server is recommended/,
    );
    expect(info.roles[0].connectionStrings[0].sslNote).not.toMatch(
      /production/,
    );
  });

  it('rejects invalid names and unserved namespaces with typed errors', () => {
    expect(() =>
      connectionInfo({ namespace: 'idp-dev', name: 'My_DB' }, config),
    ).toThrow(InputError);
    expect(() =>
      connectionInfo({ namespace: 'elsewhere', name: 'x' }, config),
    ).toThrow(NotFoundError);
  });
});

describe('connection strings against the TLS-only PostgreSQL', () => {
  const server = testPostgres();
  const local = { ...config, proxy: { ...config.proxy, port: server.port } };
  const info = connectionInfo({ namespace: 'idp-dev', name: 'conn' }, local);
  let database: PlatformDatabase;
  let password = '';

  beforeAll(async () => {
    database = await createPlatformDatabase(server, {
      namespace: 'idp-dev',
      name: 'conn',
    });
    password = database.passwords.read;
  });

  const localString = (client: string) =>
    info.local.connectionStrings
      .find(s => s.role === 'read' && s.client === client)!
      .value.replace('localhost', server.host);

  it('connects with the node-postgres string, encrypted', async () => {
    const client = new Client({
      connectionString: localString('node-postgres').replace(
        PASSWORD_PLACEHOLDER,
        password,
      ),
    });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      expect(rows[0].ssl).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('would fail with sslmode=require in node-postgres (why we do not give it)', async () => {
    // This test parses sslmode=require on purpose to prove the pitfall, so
    // pg's security warning about exactly that is expected here; swallow it
    // (and only it) so real warnings elsewhere still show.
    const emitWarning = process.emitWarning;
    const swallowed: string[] = [];
    const spy = jest
      .spyOn(process, 'emitWarning')
      .mockImplementation((warning, ...rest: unknown[]) => {
        if (String(warning).startsWith('SECURITY WARNING: The SSL modes')) {
          swallowed.push(String(warning));
          return;
        }
        (emitWarning as (...args: unknown[]) => void).call(
          process,
          warning,
          ...rest,
        );
      });
    const client = new Client({
      connectionString: localString('node-postgres')
        .replace(PASSWORD_PLACEHOLDER, password)
        .replace('sslmode=no-verify', 'sslmode=require'),
    });
    const error = await client.connect().then(
      () => undefined,
      e => e as Error,
    );
    await client.end().catch(() => {});
    spy.mockRestore();
    expect(error?.message).toMatch(
      /self[- ]signed certificate|unable to verify/,
    );
    // pg warns once per module instance, and each test file gets its own.
    expect(swallowed).toHaveLength(1);
  });

  it('connects with the psql string', async () => {
    const command = localString('psql').replace(
      `PGPASSWORD="${PASSWORD_PLACEHOLDER}" psql `,
      '',
    );
    const conninfo = command.slice(1, -1);
    const { stdout } = await run(
      'psql',
      [
        conninfo,
        '-tAc',
        'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      ],
      { env: { ...process.env, PGPASSWORD: password } },
    );
    expect(stdout.trim()).toBe('t');
  });
});
