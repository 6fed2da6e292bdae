import { previewNames } from './previewNames';

describe('previewNames', () => {
  it('derives the database and role names and the bytes left in the longest', () => {
    expect(previewNames({ namespace: 'idp-dev', name: 'orders' })).toEqual({
      database: 'idp-dev-orders',
      roles: {
        admin: 'idp-dev-orders-admin',
        write: 'idp-dev-orders-write',
        read: 'idp-dev-orders-read',
      },
      bytesLeft: 43,
    });
  });

  it('counts bytes, not characters, and goes negative past the limit', () => {
    // "ø" is two bytes in UTF-8; the naming rules refuse it, the preview still counts it.
    expect(previewNames({ namespace: 'idp-dev', name: 'ø' }).bytesLeft).toBe(
      63 - 'idp-dev--admin'.length - 2,
    );
    expect(
      previewNames({ namespace: 'idp-dev', name: 'a'.repeat(50) }).bytesLeft,
    ).toBe(-1);
  });
});
