import { mockCredentials } from '@backstage/backend-test-utils';
import type { DatabaseProgress } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import request from 'supertest';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import { SandboxPlatform } from './__testUtils__/sandboxPlatform';

const platform = new SandboxPlatform();
const namespace = 'idp-dev';
const passwords: string[] = [];

type Started = Awaited<ReturnType<SandboxPlatform['startBackend']>>;
type Server = Parameters<typeof request>[0];

const stepsOf = (progress: DatabaseProgress) =>
  progress.steps.map(s => [s.step, s.done]);

describe('GET /databases/{namespace}/{name}/progress against the sandbox', () => {
  let started: Started;

  async function progress(name: string, query = '', server?: Server) {
    const res = await request(server ?? started.server)
      .get(`/api/idp-postgres/databases/${namespace}/${name}/progress${query}`)
      .set('Authorization', mockCredentials.user.header());
    await expectMatchesSpec(res);
    for (const password of passwords) {
      expect(JSON.stringify(res.body)).not.toContain(password);
    }
    return res;
  }

  async function ready(name: string) {
    const res = await progress(name);
    expect(res.status).toBe(200);
    return res.body as DatabaseProgress;
  }

  async function provision(name: string) {
    const ref = { namespace, name };
    const db = await platform.provision(ref);
    passwords.push(...Object.values(db.passwords));
    await platform.define(ref);
    return ref;
  }

  // Provisioning and the first refresh outlast Jest's 5 s on a loaded machine.
  beforeAll(async () => {
    await platform.start();
    await provision('healthy');
    await provision('gone');
    await provision('leaving');
    await platform.define({ namespace, name: 'pending' });
    started = await platform.startBackend();
  }, 60_000);

  afterAll(async () => {
    await platform.stop();
  });

  afterEach(() => platform.clearFaults());

  it('is complete for a healthy database', async () => {
    const body = await ready('healthy');
    expect(stepsOf(body)).toEqual([
      ['merged', true],
      ['synced', true],
      ['ready', true],
      ['secrets', true],
    ]);
    expect(body).toMatchObject({
      namespace,
      name: 'healthy',
      complete: true,
      failed: false,
      reason: 'Every step is done.',
      unknown: [],
    });
    expect(body.steps[0].detail).toBe(
      'Defined in idp-dev/healthy/values.yaml.',
    );
    expect(body.steps[2].detail).toBe('Ready=True (Available)');
  });

  it('waits for the sync of a database defined but not synced, naming what is missing', async () => {
    const body = await ready('pending');
    expect(stepsOf(body)).toEqual([
      ['merged', true],
      ['synced', false],
      ['ready', false],
      ['secrets', false],
    ]);
    expect(body.complete).toBe(false);
    expect(body.failed).toBe(false);
    expect(body.reason).toMatch(/^Waiting for step synced: .*has not synced/);
    expect(body.steps[3].detail).toContain(
      'Kubernetes secret idp-dev-pending-admin',
    );
    expect(body.steps[3].detail).toContain(
      'Secrets Manager secret customer/idp-dev/idp-dev-pending-read',
    );
  });

  it('waits for the merge of a database nobody defined yet', async () => {
    const body = await ready('unmerged');
    expect(stepsOf(body)[0]).toEqual(['merged', false]);
    expect(body.steps[0].detail).toContain(
      "Not defined on the apps repo's main",
    );
  });

  it('shows the Ready condition while the platform creates it, and a secret scheduled for deletion', async () => {
    const ref = { namespace, name: 'healthy' };
    platform.putResource(ref, [
      {
        type: 'Ready',
        status: 'False',
        reason: 'Creating',
        message: 'Unready resources: database, roles',
      },
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
    ]);
    platform.putSecretsManagerSecret(
      ref,
      'write',
      { username: 'x' },
      {
        scheduledForDeletion: true,
      },
    );
    try {
      const body = await ready('healthy');
      expect(stepsOf(body)).toEqual([
        ['merged', true],
        ['synced', true],
        ['ready', false],
        ['secrets', false],
      ]);
      expect(body.steps[2].detail).toBe(
        'Ready=False (Creating): Unready resources: database, roles',
      );
      expect(body.steps[3].detail).toBe(
        'Missing: Secrets Manager secret customer/idp-dev/idp-dev-healthy-write (scheduled for deletion).',
      );
      expect(body.failed).toBe(false);
    } finally {
      await platform.provision(ref);
    }
  });

  it('fails when the platform reports a reconcile error waiting will not fix', async () => {
    const ref = { namespace, name: 'pending' };
    const message =
      "cannot create Secrets Manager secret customer/idp-dev/idp-dev-pending-admin: You can't create this secret because a secret with this name is already scheduled for deletion.";
    platform.putResource(ref, [
      { type: 'Ready', status: 'False', reason: 'Unavailable', message },
      { type: 'Synced', status: 'False', reason: 'ReconcileError', message },
    ]);
    try {
      const body = await ready('pending');
      expect(body.failed).toBe(true);
      expect(body.complete).toBe(false);
      expect(body.reason).toBe(
        `The platform could not apply the database's resource (Synced=False, ReconcileError): ${message}`,
      );
    } finally {
      platform.deleteResource(ref);
    }
  });

  it('does not fail a removal on the resource it waits to see pruned', async () => {
    const ref = { namespace, name: 'pending' };
    const message =
      "cannot create Secrets Manager secret customer/idp-dev/idp-dev-pending-admin: You can't create this secret because a secret with this name is already scheduled for deletion.";
    platform.putResource(ref, [
      { type: 'Ready', status: 'False', reason: 'Unavailable', message },
      { type: 'Synced', status: 'False', reason: 'ReconcileError', message },
    ]);
    try {
      const body = (await progress('pending', '?expect=removed'))
        .body as DatabaseProgress;
      expect(body.failed).toBe(false);
      expect(body.complete).toBe(false);
      expect(body.reason).toMatch(/^Waiting for step /);
    } finally {
      platform.deleteResource(ref);
    }
  });

  it('follows a removal: still defined, removal merged but not synced, removed', async () => {
    const removal = (name: string) => progress(name, '?expect=removed');
    const defined = (await removal('gone')).body as DatabaseProgress;
    expect(stepsOf(defined)).toEqual([
      ['merged', false],
      ['synced', false],
    ]);
    expect(defined.steps[0].detail).toContain(
      'Still defined in idp-dev/gone/values.yaml',
    );

    await platform.undefine({ namespace, name: 'gone' });
    await platform.undefine({ namespace, name: 'leaving' });
    platform.deleteResource({ namespace, name: 'gone' });
    await started.refreshInventory();

    const gone = (await removal('gone')).body as DatabaseProgress;
    expect(stepsOf(gone)).toEqual([
      ['merged', true],
      ['synced', true],
    ]);
    expect(gone.complete).toBe(true);
    const leaving = (await removal('leaving')).body as DatabaseProgress;
    expect(stepsOf(leaving)).toEqual([
      ['merged', true],
      ['synced', false],
    ]);
    expect(leaving.steps[1].detail).toContain('has not synced the removal');
  });

  it('degrades to unknown, not to an error, when the Kubernetes API fails', async () => {
    platform.kubernetesFaults.set('*', { status: 500 });
    const res = await progress('healthy');
    expect(res.status).toBe(200);
    const body = res.body as DatabaseProgress;
    expect(stepsOf(body)).toEqual([
      ['merged', true],
      ['synced', false],
      ['ready', false],
      ['secrets', false],
    ]);
    expect(body.unknown).toEqual([
      expect.stringMatching(/^custom resource: .*HTTP 500/),
      expect.stringMatching(
        /^Kubernetes secret idp-dev-healthy-admin: .*HTTP 500/,
      ),
      expect.stringMatching(/^Kubernetes secret idp-dev-healthy-write: /),
      expect.stringMatching(/^Kubernetes secret idp-dev-healthy-read: /),
    ]);
    expect(body.steps[3].detail).toBe('3 could not be read (see unknown).');
    expect(body.failed).toBe(false);
  });

  it('degrades to unknown when Secrets Manager fails', async () => {
    platform.secretsManagerFaults.set('DescribeSecret', { status: 500 });
    const body = await ready('healthy');
    expect(stepsOf(body).map(([, done]) => done)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(body.unknown).toHaveLength(3);
    expect(body.unknown[0]).toMatch(
      /^Secrets Manager secret customer\/idp-dev\/idp-dev-healthy-admin: .*InternalServiceError/,
    );
  });

  it('needs the status permission, a served namespace and a known expectation', async () => {
    const denied = await platform.startBackend({
      denied: ['idp-postgres.status.read'],
    });
    expect((await progress('healthy', '', denied.server)).status).toBe(403);
    const elsewhere = await request(started.server)
      .get('/api/idp-postgres/databases/elsewhere/x/progress')
      .set('Authorization', mockCredentials.user.header());
    expect(elsewhere.status).toBe(404);
    expect((await progress('healthy', '?expect=deployed')).status).toBe(400);
  });
});
