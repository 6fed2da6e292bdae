import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  inventory,
  inventoryDatabase,
  newDatabaseCheck,
} from '../../__testUtils__/fixtures';
import { runValidation } from '../../__testUtils__/validation';
import { validateDatabaseName } from './validation';

const refusingApi = fakeApi({
  checkNewDatabase: async (ref: DatabaseRef) =>
    newDatabaseCheck(ref, {
      problems: [
        {
          code: 'already-defined',
          field: 'name',
          message: 'idp-dev/orders is already defined.',
        },
        {
          code: 'name-collision',
          field: 'namespace',
          message: 'idp/dev-orders derives the same database.',
        },
      ],
    }),
});

describe('IdpPostgresDatabaseName validation, new database', () => {
  it("adds the backend's problems as errors", async () => {
    await expect(
      runValidation(
        validateDatabaseName,
        { namespace: 'idp-dev', name: 'orders' },
        { api: refusingApi },
      ),
    ).resolves.toEqual([
      'idp-dev/orders is already defined.',
      'idp/dev-orders derives the same database.',
    ]);
  });

  it('accepts a name the backend allows', async () => {
    await expect(
      runValidation(
        validateDatabaseName,
        { namespace: 'idp-dev', name: 'orders' },
        { api: fakeApi() },
      ),
    ).resolves.toEqual([]);
  });

  it('refuses broken naming rules and empty inputs without asking the backend', async () => {
    const checkNewDatabase = jest.fn(fakeApi().checkNewDatabase);
    const errors = await runValidation(
      validateDatabaseName,
      { namespace: 'Idp-dev', name: '' },
      { api: fakeApi({ checkNewDatabase }) },
    );
    expect(errors).toEqual([
      'Namespace "Idp-dev" must be lowercase (found "I").',
      'Database name "" must not be empty.',
    ]);
    expect(checkNewDatabase).not.toHaveBeenCalled();
  });

  it('refuses an over-long name', async () => {
    const errors = await runValidation(
      validateDatabaseName,
      { namespace: 'idp-dev', name: 'a'.repeat(50) },
      { api: fakeApi() },
    );
    expect(errors).toEqual([
      expect.stringMatching(/is 64 bytes, 1 over PostgreSQL's 63-byte limit/),
    ]);
  });

  it('does not block when the backend cannot be reached: the action checks again', async () => {
    const api = fakeApi({
      checkNewDatabase: async () => {
        throw new Error('Failed to fetch');
      },
    });
    await expect(
      runValidation(
        validateDatabaseName,
        { namespace: 'idp-dev', name: 'orders' },
        { api },
      ),
    ).resolves.toEqual([]);
    await expect(
      runValidation(validateDatabaseName, {
        namespace: 'idp-dev',
        name: 'orders',
      }),
    ).resolves.toEqual([]);
  });
});

describe('IdpPostgresDatabaseName validation, existing database', () => {
  const api = fakeApi({
    getInventory: async () =>
      inventory([
        inventoryDatabase('idp-dev', 'orders'),
        inventoryDatabase('idp-dev', 'old', { lifecycle: 'removing' }),
      ]),
  });

  it('accepts a database of the inventory in an offered lifecycle', async () => {
    await expect(
      runValidation(
        validateDatabaseName,
        { namespace: 'idp-dev', name: 'orders' },
        { api, uiOptions: { existing: true } },
      ),
    ).resolves.toEqual([]);
  });

  it('refuses one the inventory does not offer, and an empty choice', async () => {
    await expect(
      runValidation(
        validateDatabaseName,
        { namespace: 'idp-dev', name: 'old' },
        { api, uiOptions: { existing: true } },
      ),
    ).resolves.toEqual([
      'Database idp-dev/old is not one you may act on here (deployed or pending); choose one from the list.',
    ]);
    await expect(
      runValidation(
        validateDatabaseName,
        { namespace: 'idp-dev', name: 'old' },
        { api, uiOptions: { existing: true, lifecycles: ['removing'] } },
      ),
    ).resolves.toEqual([]);
    await expect(
      runValidation(validateDatabaseName, undefined as never, {
        api,
        uiOptions: { existing: true },
      }),
    ).resolves.toEqual(['Choose a database.']);
  });
});
