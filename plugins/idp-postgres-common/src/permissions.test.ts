import { databaseResourceRef, parseDatabaseResourceRef } from './permissions';

describe('database resource refs', () => {
  it('keep namespace and name apart', () => {
    expect(databaseResourceRef({ namespace: 'demo', name: 'dev-orders' })).toBe(
      'demo/dev-orders',
    );
    expect(parseDatabaseResourceRef('demo-dev/orders')).toEqual({
      namespace: 'demo-dev',
      name: 'orders',
    });
  });

  it.each(['demo-dev-orders', 'a/b/c', '../x', 'Demo/orders', '/orders', ''])(
    'reads %j as no database',
    ref => {
      expect(parseDatabaseResourceRef(ref)).toBeUndefined();
    },
  );
});
