import crypto from 'node:crypto';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { DatabaseStatus } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { superuserClientConfig } from '@jppol-idp/idp-sandbox';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import request from 'supertest';
import { expectMatchesSpec } from '../__testUtils__/openApiResponses';
import { SandboxPlatform } from '../__testUtils__/sandboxPlatform';
import type { PlatformDatabase } from '../__testUtils__/sandboxPostgres';

/**
 * The backend logs in as the role name it derives from the database, never
 * as the `username` a secret holds. PostgreSQL itself tells who logged in:
 * a login event trigger (PostgreSQL 17) records every session of the
 * database with its application name.
 */
const platform = new SandboxPlatform();
const ref = { namespace: 'idp-dev', name: 'mixedup' };
/** Stands in for the cluster's master user, which no app secret should name. */
const MASTER = 'idp-dev-mixedup-master';
const masterPassword = crypto.randomBytes(18).toString('base64url');

async function asSuperuser(database: string, sql: string): Promise<unknown[]> {
  const client = new Client(superuserClientConfig(platform.postgres, database));
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Who logged in to the database from the plugin since the trigger was made. */
async function pluginLogins(db: PlatformDatabase): Promise<string[]> {
  const rows = (await asSuperuser(
    db.database,
    "SELECT DISTINCT who FROM public.login_audit WHERE app = 'backstage-idp-postgres' ORDER BY who",
  )) as Array<{ who: string }>;
  return rows.map(r => r.who);
}

describe('logins use the role name derived from the database', () => {
  let started: Awaited<ReturnType<SandboxPlatform['startBackend']>>;
  let db: PlatformDatabase;
  const bodies: string[] = [];

  async function get(path: string) {
    const res = await request(started.server)
      .get(`/api/idp-postgres/databases/${ref.namespace}/${ref.name}${path}`)
      .set('Authorization', mockCredentials.user.header());
    await expectMatchesSpec(res);
    bodies.push(JSON.stringify(res.body));
    return res;
  }

  beforeAll(async () => {
    await platform.start();
    db = await platform.provision(ref);
    await platform.define(ref);
    const master = escapeIdentifier(MASTER);
    await asSuperuser(
      'postgres',
      `DROP ROLE IF EXISTS ${master};
       CREATE ROLE ${master} LOGIN PASSWORD ${escapeLiteral(masterPassword)}`,
    );
    await asSuperuser(
      db.database,
      `CREATE TABLE public.login_audit (who text, app text);
       CREATE FUNCTION public.record_login() RETURNS event_trigger
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
         BEGIN
           INSERT INTO public.login_audit
             VALUES (session_user, current_setting('application_name', true));
         END $$;
       CREATE EVENT TRIGGER record_login ON login
         EXECUTE FUNCTION public.record_login();`,
    );
    // The admin secret holds the master user's login; the read secret holds
    // the admin's, as if copied from the admin secret.
    platform.putKubernetesSecret(ref, 'admin', {
      ...platform.secretValues(db, 'admin'),
      username: MASTER,
      password: masterPassword,
    });
    platform.putKubernetesSecret(ref, 'read', {
      ...platform.secretValues(db, 'read'),
      username: db.roles.admin,
      password: db.passwords.admin,
    });
    started = await platform.startBackend();
  }, 60_000);

  afterAll(async () => {
    await asSuperuser(db.database, 'DROP EVENT TRIGGER record_login');
    await asSuperuser('postgres', `DROP ROLE ${escapeIdentifier(MASTER)}`);
    await platform.stop();
  });

  it('says which secret names another role, and checks each login as its own role', async () => {
    const res = await get('');
    expect(res.status).toBe(200);
    const status: DatabaseStatus = res.body;
    const [admin, write, read] = status.roles;
    expect(admin.kubernetesSecret).toEqual({
      state: 'error',
      reason: `Kubernetes secret idp-dev/idp-dev-mixedup-admin names user ${MASTER}, but it is the secret of role idp-dev-mixedup-admin: apps reading it log in as ${MASTER}, not as idp-dev-mixedup-admin. Correct its username (restoring it from Secrets Manager with force does, when that copy is right); the plugin checks the login as idp-dev-mixedup-admin only.`,
    });
    expect(read.kubernetesSecret.state).toBe('error');
    expect(read.kubernetesSecret.reason).toMatch(
      /^Kubernetes secret idp-dev\/idp-dev-mixedup-read names user idp-dev-mixedup-admin, but it is the secret of role idp-dev-mixedup-read/,
    );
    // The admin's password is not the read role's: the login as the read
    // role fails, where the secret's username would have let it in.
    expect(read.login).toMatchObject({
      state: 'error',
      failure: 'wrong-password',
    });
    expect(read.login.reason).toContain('idp-dev-mixedup-read');
    expect(admin.login).toMatchObject({
      state: 'error',
      failure: 'wrong-password',
    });
    expect(write.kubernetesSecret.state).toBe('ok');
    expect(write.login.state).toBe('ok');
    expect(status.grants.state).toBe('unknown');
    expect(status.grants.reason).toContain('as idp-dev-mixedup-admin');
    expect(status.state).toBe('error');
  });

  it('runs grants and monitoring as the admin role, not as whom its secret names', async () => {
    const grants = await get('/grants');
    expect(grants.status).toBe(503);
    expect(grants.body.error.message).toMatch(
      /^Cannot log in to PostgreSQL database idp-dev-mixedup as idp-dev-mixedup-admin: PostgreSQL rejected the password/,
    );
    const monitoring = await get('/monitoring');
    expect(monitoring.status).toBe(200);
    expect(monitoring.body.unknown.join(' ')).toContain(
      'as idp-dev-mixedup-admin',
    );
  });

  it('has the inventory check the databases in the same way', async () => {
    await started.refreshInventory();
    const list = await request(started.server)
      .get('/api/idp-postgres/databases?namespace=idp-dev')
      .set('Authorization', mockCredentials.user.header());
    expect(list.status).toBe(200);
    const mine = list.body.items.find(
      (d: { name: string }) => d.name === ref.name,
    );
    expect(mine.state).toBe('error');
  });

  it('never logged in as the role a secret names, only as the derived ones', async () => {
    // Only the write role's login works: its secret is the only right one.
    expect(await pluginLogins(db)).toEqual([db.roles.write]);
  });

  it('never puts a password in a response', () => {
    for (const body of bodies) {
      for (const password of [masterPassword, ...Object.values(db.passwords)]) {
        expect(body).not.toContain(password);
      }
    }
  });
});
