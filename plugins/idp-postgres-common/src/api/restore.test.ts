import {
  RestoreItemResult,
  restoreFailureMessage,
  restoreOutcomeOf,
} from './restore';

function item(
  role: RestoreItemResult['role'],
  outcome: RestoreItemResult['outcome'],
  error?: string,
): RestoreItemResult {
  return {
    role,
    secretName: `idp-dev-orders-${role}`,
    secretsManagerName: `customer/idp-dev/idp-dev-orders-${role}`,
    action: 'create',
    reason: 'The Kubernetes secret is missing.',
    outcome,
    ...(error ? { error } : {}),
  };
}

describe('restoreOutcomeOf', () => {
  it.each<[string, RestoreItemResult['outcome'][], string]>([
    ['every item done', ['done', 'done'], 'complete'],
    ['done and skipped', ['skipped', 'done', 'skipped'], 'complete'],
    ['only skipped', ['skipped'], 'complete'],
    ['no items', [], 'complete'],
    ['one failed beside one done', ['skipped', 'done', 'failed'], 'partial'],
    ['failed and skipped, nothing done', ['skipped', 'failed'], 'failed'],
    ['every item failed', ['failed', 'failed'], 'failed'],
  ])('%s: %s', (_, outcomes, expected) => {
    expect(restoreOutcomeOf(outcomes.map(outcome => ({ outcome })))).toBe(
      expected,
    );
  });
});

describe('restoreFailureMessage', () => {
  it('names each failed role with its error, out of all secrets', () => {
    expect(
      restoreFailureMessage({
        items: [
          item('admin', 'skipped'),
          item('write', 'done'),
          item('read', 'failed', 'HTTP 500 InternalError'),
        ],
      }),
    ).toBe(
      '1 of 3 secrets could not be restored: read (HTTP 500 InternalError)',
    );
    expect(
      restoreFailureMessage({
        items: [item('write', 'failed', 'a'), item('read', 'failed')],
      }),
    ).toBe(
      '2 of 2 secrets could not be restored: write (a); read (no reason given)',
    );
    expect(
      restoreFailureMessage({ items: [item('read', 'failed', 'timeout')] }),
    ).toBe('1 of 1 secret could not be restored: read (timeout)');
  });

  it('says nothing when no secret failed', () => {
    expect(
      restoreFailureMessage({
        items: [item('admin', 'skipped'), item('write', 'done')],
      }),
    ).toBeUndefined();
  });
});
