import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { audited } from './audited';

describe('audited', () => {
  function auditor() {
    const event = { success: jest.fn(), fail: jest.fn() };
    const service = mockServices.auditor.mock({
      createEvent: jest.fn(async () => event),
    });
    return { service, event };
  }

  it('names the caller in the event, which has no request to name it', async () => {
    const { service, event } = auditor();
    const result = await audited(
      service,
      {
        eventId: 'grants-apply',
        severityLevel: 'medium',
        caller: { credentials: mockCredentials.user('user:default/alice') },
        meta: { namespace: 'idp', name: 'orders' },
      },
      async () => ({ result: 42, meta: { statements: ['GRANT …'] } }),
    );
    expect(result).toBe(42);
    expect(service.createEvent).toHaveBeenCalledWith({
      eventId: 'grants-apply',
      severityLevel: 'medium',
      meta: {
        namespace: 'idp',
        name: 'orders',
        actor: 'user:default/alice',
        via: 'actions-registry',
      },
    });
    expect(event.success).toHaveBeenCalledWith({
      meta: { statements: ['GRANT …'] },
    });
  });

  it('records a partial failure as a failure and still returns the result', async () => {
    const { service, event } = auditor();
    const failure = new Error('1 of 3 secrets could not be deleted');
    const result = await audited(
      service,
      {
        eventId: 'secrets-force-delete',
        severityLevel: 'critical',
        caller: { credentials: mockCredentials.user('user:default/ada') },
        meta: {},
      },
      async () => ({ result: 'partial', meta: { failed: 1 }, failure }),
    );
    expect(result).toBe('partial');
    expect(event.fail).toHaveBeenCalledWith({
      meta: { failed: 1 },
      error: failure,
    });
    expect(event.success).not.toHaveBeenCalled();
  });

  it('records a refusal as a failure and passes the error on', async () => {
    const { service, event } = auditor();
    const refusal = new NotAllowedError('not yours');
    await expect(
      audited(
        service,
        {
          eventId: 'secrets-restore',
          severityLevel: 'high',
          caller: {
            credentials: mockCredentials.service('external:ops-bot'),
          },
          meta: {},
        },
        async () => {
          throw refusal;
        },
      ),
    ).rejects.toBe(refusal);
    expect(service.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        meta: { actor: 'external:ops-bot', via: 'actions-registry' },
      }),
    );
    expect(event.fail).toHaveBeenCalledWith({ error: refusal });
  });
});
