import { DatabaseProgress } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { missingSteps, stepDoneMessage, waitSummary } from './progressReport';

const ref = { namespace: 'idp-dev', name: 'my-db' };

const progress: DatabaseProgress = {
  namespace: 'idp-dev',
  name: 'my-db',
  steps: [
    { step: 'merged', done: true, detail: 'idp-dev/my-db/values.yaml on main' },
    { step: 'synced', done: true, detail: 'resource exists' },
    { step: 'ready', done: false, detail: 'Ready=False: Creating' },
    { step: 'secrets', done: false, detail: 'missing idp-dev-my-db-read' },
  ],
  complete: false,
  failed: false,
  reason: '',
  unknown: ['Secrets Manager'],
  checkedAt: '2026-01-01T00:00:00Z',
};

describe('progress report', () => {
  it('lists the steps not done and the parts not read', () => {
    expect(
      missingSteps({ complete: false, answered: true, last: progress }),
    ).toEqual([
      { step: 'ready', detail: 'Ready=False: Creating' },
      { step: 'secrets', detail: 'missing idp-dev-my-db-read' },
      { step: 'unknown', detail: 'Could not be read: Secrets Manager' },
    ]);
  });

  it('blames the merge when the platform does not know the database', () => {
    expect(missingSteps({ complete: false, answered: true })).toEqual([
      {
        step: 'merged',
        detail:
          'The platform does not know the database yet: the pull request is probably not merged.',
      },
    ]);
  });

  it('names the step and what was seen when it is reached', () => {
    expect(stepDoneMessage(ref, progress.steps[1], 'ready')).toBe(
      'idp-dev/my-db: synced (the cluster holds its resource) — resource exists',
    );
    expect(stepDoneMessage(ref, progress.steps[1], 'removed')).toBe(
      'idp-dev/my-db: synced (the cluster no longer holds its resource) — resource exists',
    );
  });

  it('summarises a wait', () => {
    expect(
      waitSummary(ref, 'ready', {
        complete: true,
        missing: [],
        minutes: 20,
        watched: false,
      }),
    ).toBe('idp-dev/my-db is ready to use.');
    expect(
      waitSummary(ref, 'ready', {
        complete: false,
        missing: missingSteps({
          complete: false,
          answered: true,
          last: progress,
        }),
        minutes: 1,
        watched: true,
      }),
    ).toBe(
      'idp-dev/my-db is not ready to use yet after 1 minute. Still missing: ready (the resource reports Ready): Ready=False: Creating; secrets present (Kubernetes and Secrets Manager): missing idp-dev-my-db-read; unknown: Could not be read: Secrets Manager. The owner and you will be notified when it is, or when it fails.',
    );
  });
});
