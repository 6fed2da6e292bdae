import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  DatabaseStatus,
  RestorePlan,
  RestoreResult,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import request from 'supertest';
import { invokeAction } from './actions/__testUtils__/invokeAction';
import {
  expectMatchesSpec,
  openApiMismatch,
} from './__testUtils__/openApiResponses';
import { SandboxPlatform } from './__testUtils__/sandboxPlatform';
import type { PlatformDatabase } from './__testUtils__/sandboxPostgres';

const platform = new SandboxPlatform();
const namespace = 'idp-restore';
const passwords: string[] = [];
const bodies: string[] = [];

describe('POST /databases/{namespace}/{name}/restore against the sandbox', () => {
  let started: Awaited<ReturnType<SandboxPlatform['startBackend']>>;

  async function restore(name: string, body: object, header?: string) {
    const req = request(started.server).post(
      `/api/idp-postgres/databases/${namespace}/${name}/restore`,
    );
    // No header argument: a user; an empty one: no credentials at all.
    const authorization = header ?? mockCredentials.user.header();
    const res = await (authorization
      ? req.set('Authorization', authorization)
      : req
    ).send(body);
    await expectMatchesSpec(res);
    bodies.push(JSON.stringify(res.body));
    return res;
  }

  /** Provisioned, then the write and read secrets deleted and admin's drifted. */
  async function broken(name: string): Promise<PlatformDatabase> {
    const ref = { namespace, name };
    const db = await platform.provision(ref);
    passwords.push(...Object.values(db.passwords), `stale-${name}`);
    platform.deleteKubernetesSecret(ref, 'write');
    platform.deleteKubernetesSecret(ref, 'read');
    platform.putKubernetesSecret(ref, 'admin', {
      ...platform.secretValues(db, 'admin'),
      password: `stale-${name}`,
    });
    return db;
  }

  beforeAll(async () => {
    await platform.start();
    started = await platform.startBackend();
  });

  afterAll(async () => {
    await platform.stop();
  });

  beforeEach(() => started.events.splice(0));
  afterEach(() => platform.clearFaults());

  it('plans without changing anything on a dry run', async () => {
    await broken('dry');
    const res = await restore('dry', { dryRun: true });
    expect(res.status).toBe(200);
    const plan: RestorePlan = res.body;
    expect(plan.items.map(i => [i.role, i.action])).toEqual([
      ['admin', 'skip-differs'],
      ['write', 'create'],
      ['read', 'create'],
    ]);
    expect(plan.items[0].reason).toMatch(/differs in password.*force/);
    expect(
      platform.readKubernetesSecret({ namespace, name: 'dry' }, 'write'),
    ).toBeUndefined();
    expect(started.events).toEqual([
      expect.objectContaining({
        eventId: 'secrets-restore',
        outcome: 'success',
      }),
    ]);
  });

  it('creates the missing secrets from Secrets Manager, labelled, and leaves a differing one alone', async () => {
    const db = await broken('restored');
    const ref = { namespace, name: 'restored' };
    const res = await restore('restored', {});
    expect(res.status).toBe(200);
    const result: RestoreResult = res.body;
    expect(result.dryRun).toBe(false);
    expect(result.outcome).toBe('complete');
    expect(result.items.map(i => [i.role, i.action, i.outcome])).toEqual([
      ['admin', 'skip-differs', 'skipped'],
      ['write', 'create', 'done'],
      ['read', 'create', 'done'],
    ]);
    const write = platform.readKubernetesSecret(ref, 'write')!;
    expect(write.data).toEqual(platform.secretValues(db, 'write'));
    expect(write.labels['idp.jppol.dk/restored-by']).toBe(
      'backstage-idp-postgres',
    );
    expect(platform.readKubernetesSecret(ref, 'admin')!.data.password).toBe(
      'stale-restored',
    );

    const status = await request(started.server)
      .get(`/api/idp-postgres/databases/${namespace}/restored?refresh=true`)
      .set('Authorization', mockCredentials.user.header());
    const roles = (status.body as DatabaseStatus).roles;
    expect(roles.map(r => [r.role, r.login.state])).toEqual([
      ['admin', 'error'],
      ['write', 'ok'],
      ['read', 'ok'],
    ]);
    bodies.push(JSON.stringify(status.body));
  });

  it('overwrites a differing secret only with force, for the roles asked', async () => {
    const db = await broken('forced');
    const ref = { namespace, name: 'forced' };
    const res = await restore('forced', { force: true, roles: ['admin'] });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        role: 'admin',
        action: 'overwrite',
        outcome: 'done',
      }),
    ]);
    expect(platform.readKubernetesSecret(ref, 'admin')!.data).toEqual(
      platform.secretValues(db, 'admin'),
    );
    expect(platform.readKubernetesSecret(ref, 'write')).toBeUndefined();
    const again = await restore('forced', { force: true, roles: ['admin'] });
    expect(again.body.items[0]).toMatchObject({
      action: 'skip-in-sync',
      outcome: 'skipped',
    });
  });

  it('writes the other secrets whole when one create fails, leaves that one absent and answers 502 with every result', async () => {
    const db = await broken('partial');
    const ref = { namespace, name: 'partial' };
    platform.kubernetesFaults.set('secrets.create', {
      status: 500,
      failureRate: 0.5,
    });
    platform.kubernetesDice.push(0.9, 0.1); // write passes, read fails
    const res = await restore('partial', {});
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({
      name: 'RestoreIncompleteError',
      message:
        '1 of 3 secrets could not be restored: read (Kubernetes API of cluster sandbox failed creating secret idp-restore/idp-restore-partial-read: HTTP 500 InternalError)',
    });
    const result: RestoreResult = res.body.error.result;
    expect(result.outcome).toBe('partial');
    expect(result.items.map(i => [i.role, i.action, i.outcome])).toEqual([
      ['admin', 'skip-differs', 'skipped'],
      ['write', 'create', 'done'],
      ['read', 'create', 'failed'],
    ]);
    // The one written has all four keys; the failed one is absent, not
    // created empty or with some of its keys.
    expect(platform.readKubernetesSecret(ref, 'write')!.data).toEqual(
      platform.secretValues(db, 'write'),
    );
    expect(platform.readKubernetesSecret(ref, 'read')).toBeUndefined();
    expect(started.events).toEqual([
      expect.objectContaining({ eventId: 'secrets-restore', outcome: 'fail' }),
    ]);
    // The validator checks only 2xx bodies; the result in the 502 is the
    // spec's RestoreResult, so it is checked as the 200 answer it replaces.
    const asResult = (body: unknown) =>
      openApiMismatch({ status: 200, body, request: res.request } as never);
    await expect(asResult(result)).resolves.toBeUndefined();
    await expect(asResult({ ...result, outcome: 'fine' })).resolves.toMatch(
      /outcome/,
    );

    // Once Kubernetes takes it, running the restore again completes it.
    platform.clearFaults();
    const again = await restore('partial', {});
    expect(again.status).toBe(200);
    expect((again.body as RestoreResult).outcome).toBe('complete');
    expect(
      (again.body as RestoreResult).items.map(i => [i.role, i.outcome]),
    ).toEqual([
      ['admin', 'skipped'],
      ['write', 'skipped'],
      ['read', 'done'],
    ]);
    expect(platform.readKubernetesSecret(ref, 'read')!.data).toEqual(
      platform.secretValues(db, 'read'),
    );
    expect(started.events.at(-1)).toMatchObject({ outcome: 'success' });
  });

  it('answers the action with the outcome and the failure in words, not an error', async () => {
    await broken('partialaction');
    platform.kubernetesFaults.set('secrets.create', { status: 429 });
    const { status, output } = await invokeAction(
      started.server,
      'restore-postgres-secrets',
      { namespace, name: 'partialaction' },
      mockCredentials.user.header(),
    );
    bodies.push(JSON.stringify(output));
    expect(status).toBe(200);
    // Nothing written: both creates were throttled, admin differs.
    expect(output).toMatchObject({
      outcome: 'failed',
      failure: expect.stringMatching(
        /^2 of 3 secrets could not be restored: write \(.*HTTP 429 TooManyRequests\); read \(/,
      ),
    });
    expect(output.items.map((i: { outcome: string }) => i.outcome)).toEqual([
      'skipped',
      'failed',
      'failed',
    ]);
    expect(started.events).toEqual([
      expect.objectContaining({ eventId: 'secrets-restore', outcome: 'fail' }),
    ]);
  });

  it('reports a source scheduled for deletion and one that is missing, restoring neither', async () => {
    const db = await broken('sources');
    const ref = { namespace, name: 'sources' };
    platform.putSecretsManagerSecret(
      ref,
      'write',
      platform.secretValues(db, 'write'),
      {
        scheduledForDeletion: true,
      },
    );
    const store = platform.secretsManager.store;
    store.remove(store.find('customer/idp-restore/idp-restore-sources-read')!);
    const res = await restore('sources', { roles: ['write', 'read'] });
    expect(res.body.items.map((i: { action: string }) => i.action)).toEqual([
      'skip-scheduled-for-deletion',
      'skip-source-missing',
    ]);
    expect(platform.readKubernetesSecret(ref, 'write')).toBeUndefined();
  });

  it('cancels a scheduled deletion and restores from that secret only when asked', async () => {
    const db = await broken('scheduled');
    const ref = { namespace, name: 'scheduled' };
    for (const role of ['write', 'admin'] as const) {
      platform.putSecretsManagerSecret(
        ref,
        role,
        platform.secretValues(db, role),
        { scheduledForDeletion: true },
      );
    }
    const smName = (role: string) =>
      `customer/idp-restore/idp-restore-scheduled-${role}`;

    const plan = await restore('scheduled', {
      dryRun: true,
      restoreScheduledSecrets: true,
    });
    expect(plan.status).toBe(200);
    expect(
      (plan.body as RestorePlan).items.map(i => [
        i.role,
        i.action,
        i.secretsManagerStep,
      ]),
    ).toEqual([
      ['admin', 'skip-differs', 'cancel-deletion'],
      ['write', 'create', 'cancel-deletion'],
      ['read', 'create', undefined],
    ]);
    expect(plan.body.items[1].reason).toMatch(
      /scheduled for deletion; its deletion will be cancelled \(RestoreSecret\)/,
    );
    expect(platform.secretsManagerFaults.count('RestoreSecret')).toBe(0);
    expect(
      platform.secretsManager.store.find(smName('write'))!.deletedDate,
    ).toBeDefined();

    platform.secretsManagerFaults.resetCounts();
    const res = await restore('scheduled', { restoreScheduledSecrets: true });
    expect(res.status).toBe(200);
    const result: RestoreResult = res.body;
    expect(
      result.items.map(i => [
        i.role,
        i.action,
        i.secretsManagerStep,
        i.outcome,
      ]),
    ).toEqual([
      // Compared once readable: the admin copy differs, and without force stays.
      ['admin', 'skip-differs', 'cancel-deletion', 'skipped'],
      ['write', 'create', 'cancel-deletion', 'done'],
      ['read', 'create', undefined, 'done'],
    ]);
    expect(result.items[1].reason).toMatch(
      /^Cancelled the scheduled deletion of customer\/idp-restore\/idp-restore-scheduled-write\. Kubernetes secret .* is missing/,
    );
    expect(platform.secretsManagerFaults.count('RestoreSecret')).toBe(2);
    for (const role of ['write', 'admin']) {
      expect(
        platform.secretsManager.store.find(smName(role))!.deletedDate,
      ).toBeUndefined();
    }
    expect(platform.readKubernetesSecret(ref, 'write')!.data).toEqual(
      platform.secretValues(db, 'write'),
    );
    expect(started.events.at(-1)!.meta!.items).toEqual(
      expect.arrayContaining([
        {
          role: 'write',
          action: 'create',
          secretsManagerStep: 'cancel-deletion',
          outcome: 'done',
        },
      ]),
    );
  });

  it('records a failed cancellation on its item and writes nothing for it', async () => {
    const db = await broken('cancelfails');
    const ref = { namespace, name: 'cancelfails' };
    platform.putSecretsManagerSecret(
      ref,
      'write',
      platform.secretValues(db, 'write'),
      { scheduledForDeletion: true },
    );
    platform.secretsManagerFaults.set('RestoreSecret', { status: 500 });
    const res = await restore('cancelfails', {
      roles: ['write'],
      restoreScheduledSecrets: true,
    });
    expect(res.status).toBe(502);
    expect(res.body.error.result.outcome).toBe('failed');
    expect(res.body.error.result.items[0]).toMatchObject({
      action: 'create',
      secretsManagerStep: 'cancel-deletion',
      outcome: 'failed',
    });
    expect(res.body.error.result.items[0].error).toMatch(
      /cancelling the deletion of customer\/idp-restore\/idp-restore-cancelfails-write/,
    );
    expect(platform.readKubernetesSecret(ref, 'write')).toBeUndefined();
  });

  it('says when a deletion was cancelled but the secret could not be written', async () => {
    const db = await broken('cancelled');
    const ref = { namespace, name: 'cancelled' };
    platform.putSecretsManagerSecret(
      ref,
      'write',
      platform.secretValues(db, 'write'),
      { scheduledForDeletion: true },
    );
    platform.kubernetesFaults.set('secrets.create', { status: 500 });
    const res = await restore('cancelled', {
      roles: ['write'],
      restoreScheduledSecrets: true,
    });
    expect(res.status).toBe(502);
    expect(res.body.error.result.items[0].error).toMatch(
      /^The scheduled deletion of customer\/idp-restore\/idp-restore-cancelled-write was cancelled, but then: Kubernetes API .* HTTP 500/,
    );
    expect(platform.findSecretsManagerSecret(ref, 'write')!.deletedDate).toBe(
      undefined,
    );
    expect(platform.readKubernetesSecret(ref, 'write')).toBeUndefined();
  });

  it('writes ExternalSecrets instead of Secrets when configured, never a value', async () => {
    const db = await broken('external');
    const ref = { namespace, name: 'external' };
    const external = await platform.startBackend({
      config: platform.config({
        restore: {
          target: 'external-secret',
          secretStoreRef: { name: 'team-secrets' },
        },
      }),
    });
    const plan = await request(external.server)
      .post(`/api/idp-postgres/databases/${namespace}/external/restore`)
      .set('Authorization', mockCredentials.user.header())
      .send({ dryRun: true, force: true });
    await expectMatchesSpec(plan);
    expect(
      (plan.body as RestorePlan).items.map(i => [i.role, i.action, i.target]),
    ).toEqual([
      ['admin', 'overwrite', 'external-secret'],
      ['write', 'create', 'external-secret'],
      ['read', 'create', 'external-secret'],
    ]);
    expect(platform.readExternalSecret(ref, 'write')).toBeUndefined();

    const res = await request(external.server)
      .post(`/api/idp-postgres/databases/${namespace}/external/restore`)
      .set('Authorization', mockCredentials.user.header())
      .send({ force: true });
    await expectMatchesSpec(res);
    bodies.push(JSON.stringify(plan.body), JSON.stringify(res.body));
    expect(res.body.items.map((i: { outcome: string }) => i.outcome)).toEqual([
      'done',
      'done',
      'done',
    ]);
    const write = platform.readExternalSecret(ref, 'write')!;
    expect(write).toMatchObject({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: {
        name: 'idp-restore-external-write',
        labels: { 'idp.jppol.dk/restored-by': 'backstage-idp-postgres' },
      },
      spec: {
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'team-secrets' },
        target: { name: 'idp-restore-external-write', creationPolicy: 'Owner' },
        data: ['endpoint', 'port', 'username', 'password'].map(key => ({
          secretKey: key,
          remoteRef: {
            key: 'customer/idp-restore/idp-restore-external-write',
            property: key,
          },
        })),
      },
    });
    // With force the existing, differing Secret gets the keys merged in.
    expect(
      (platform.readExternalSecret(ref, 'admin')!.spec as { target: object })
        .target,
    ).toEqual({ name: 'idp-restore-external-admin', creationPolicy: 'Merge' });
    // The operator makes the Secret; restore itself wrote none.
    expect(platform.readKubernetesSecret(ref, 'write')).toBeUndefined();
    for (const role of ['admin', 'write', 'read'] as const) {
      expect(
        JSON.stringify(platform.readExternalSecret(ref, role)),
      ).not.toContain(db.passwords[role]);
    }
    // Running it again updates the ExternalSecrets rather than failing.
    const again = await request(external.server)
      .post(`/api/idp-postgres/databases/${namespace}/external/restore`)
      .set('Authorization', mockCredentials.user.header())
      .send({ force: true, roles: ['write'] });
    expect(again.body.items[0]).toMatchObject({
      action: 'create',
      outcome: 'done',
    });
  });

  it('answers 503 and restores nothing when Secrets Manager is down', async () => {
    await broken('smdown');
    platform.secretsManagerFaults.set('GetSecretValue', { status: 500 });
    const res = await restore('smdown', {});
    expect(res.status).toBe(503);
    expect(
      platform.readKubernetesSecret({ namespace, name: 'smdown' }, 'write'),
    ).toBeUndefined();
    expect(started.events).toEqual([
      expect.objectContaining({ eventId: 'secrets-restore', outcome: 'fail' }),
    ]);
  });

  it('answers 401 without credentials and 403 without the restore permission, auditing both', async () => {
    await broken('guarded');
    const anonymous = await restore('guarded', {}, '');
    expect(anonymous.status).toBe(401);
    const denied = await platform.startBackend({
      denied: ['idp-postgres.secrets.restore'],
    });
    const forbidden = await request(denied.server)
      .post(`/api/idp-postgres/databases/${namespace}/guarded/restore`)
      .set('Authorization', mockCredentials.service.header())
      .send({});
    expect(forbidden.status).toBe(403);
    expect(denied.events).toEqual([
      expect.objectContaining({ eventId: 'secrets-restore', outcome: 'fail' }),
    ]);
    expect(
      platform.readKubernetesSecret({ namespace, name: 'guarded' }, 'write'),
    ).toBeUndefined();
  });

  it('answers 400 for an unknown role', async () => {
    const res = await restore('guarded', { roles: ['owner'] });
    expect(res.status).toBe(400);
  });

  it('never puts a seeded password in any restore response', () => {
    expect(bodies.length).toBeGreaterThan(8);
    for (const body of bodies) {
      for (const password of passwords) {
        expect(body).not.toContain(password);
      }
    }
  });
});
