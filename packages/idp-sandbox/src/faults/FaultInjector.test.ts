import { FaultInjector } from './FaultInjector';

describe('FaultInjector', () => {
  it('fails at the configured rate using the injected random source', async () => {
    const values = [0.1, 0.6, 0.2, 0.9];
    const faults = new FaultInjector({ random: () => values.shift()! });
    faults.set('GetSecretValue', { status: 503, failureRate: 0.5 });
    const outcomes = [];
    for (let i = 0; i < 4; i++)
      outcomes.push(await faults.decide('GetSecretValue'));
    expect(outcomes).toEqual([
      { kind: 'fail', status: 503 },
      undefined,
      { kind: 'fail', status: 503 },
      undefined,
    ]);
  });

  it('applies the * rule only to operations without their own rule', async () => {
    const faults = new FaultInjector();
    faults.set('*', { status: 500 });
    faults.set('ListSecrets', { delayMs: 0 });
    expect(await faults.decide('GetSecretValue')).toEqual({
      kind: 'fail',
      status: 500,
    });
    expect(await faults.decide('ListSecrets')).toBeUndefined();
    expect(Object.keys(faults.rules()).sort()).toEqual(['*', 'ListSecrets']);
  });

  it('answers with a reply before any other failure but a dropped connection', async () => {
    const faults = new FaultInjector();
    faults.set('connect', { reply: 'X', status: 500 });
    expect(await faults.decide('connect')).toEqual({
      kind: 'reply',
      bytes: 'X',
    });
    faults.set('connect', { reply: 'X', dropConnection: true });
    expect(await faults.decide('connect')).toEqual({ kind: 'drop' });
    // An empty reply still replies: the client gets a closed connection.
    faults.set('connect', { reply: '' });
    expect(await faults.decide('connect')).toEqual({
      kind: 'reply',
      bytes: '',
    });
  });

  it('rejects nonsense rules and leaves the old rule in place', async () => {
    const faults = new FaultInjector();
    faults.set('x', { malformedBody: true });
    expect(() => faults.set('x', { failureRate: 2 })).toThrow(
      'failureRate must be between 0 and 1, got 2',
    );
    expect(() => faults.set('x', { delayMs: -1 })).toThrow(RangeError);
    expect(await faults.decide('x')).toEqual({ kind: 'malformed' });
  });
});
