import {
  ConnectCheck,
  NewDatabaseCheck,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { connectRefusal, newDatabaseRefusal } from './checkRefusals';

const newCheck = (
  problems: NewDatabaseCheck['problems'],
): NewDatabaseCheck => ({
  namespace: 'demo',
  name: 'dev-orders',
  database: 'demo-dev-orders',
  roleNames: {
    admin: 'demo-dev-orders-admin',
    write: 'demo-dev-orders-write',
    read: 'demo-dev-orders-read',
  },
  bytesLeft: 42,
  allowed: problems.length === 0,
  production: false,
  problems,
});

describe('platform check refusals', () => {
  it('allows what the platform allows', () => {
    expect(newDatabaseRefusal(newCheck([]))).toBeUndefined();
  });

  it.each([
    ['name-collision', 'ConflictError'],
    ['already-defined', 'ConflictError'],
    ['invalid-name', 'InputError'],
    ['namespace-not-served', 'InputError'],
    ['inventory-unavailable', 'ServiceUnavailableError'],
  ] as const)('turns %s into a %s with every message', (code, errorName) => {
    const error = newDatabaseRefusal(
      newCheck([
        { code, message: 'First reason.', field: 'name' },
        { code: 'invalid-name', message: 'Second reason.' },
      ]),
    );
    expect(error?.name).toBe(errorName);
    expect(error?.message).toBe(
      'The platform refuses to create demo/dev-orders: First reason. Second reason.',
    );
  });

  it('refuses a connection with the platform problems', () => {
    const check: ConnectCheck = {
      namespace: 'idp-dev',
      name: 'my-db',
      role: 'read',
      appNamespace: 'idp-test',
      allowed: false,
      problems: [
        {
          code: 'other-namespace',
          message: 'A pod can only read secrets of its own namespace.',
          field: 'appNamespace',
        },
      ],
      warnings: [],
      secretName: 'idp-dev-my-db-read',
      entityRef: 'resource:default/idp-dev.my-db',
    };
    const error = connectRefusal(check);
    expect(error?.name).toBe('InputError');
    expect(error?.message).toBe(
      'The platform refuses to connect an app in idp-test to idp-dev/my-db as read: A pod can only read secrets of its own namespace.',
    );
    expect(connectRefusal({ ...check, allowed: true, problems: [] })).toBe(
      undefined,
    );
  });

  it('lets a caller tolerate problems it expects, but no others', () => {
    const defined = {
      code: 'already-defined' as const,
      message: 'demo/dev-orders is defined in demo/shop.',
    };
    const collision = {
      code: 'name-collision' as const,
      message: 'demo-dev/orders derives the same database.',
    };
    expect(
      newDatabaseRefusal(newCheck([defined]), ['already-defined']),
    ).toBeUndefined();
    expect(
      newDatabaseRefusal(newCheck([defined, collision]), ['already-defined'])
        ?.message,
    ).toBe(
      'The platform refuses to create demo/dev-orders: demo-dev/orders derives the same database.',
    );
  });
});
