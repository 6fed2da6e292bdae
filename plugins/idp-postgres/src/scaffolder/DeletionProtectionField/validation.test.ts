import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { newDatabaseCheck } from '../../__testUtils__/fixtures';
import { runValidation } from '../../__testUtils__/validation';
import { validateDeletionProtection } from './validation';

const prodMessage =
  'Databases in production namespaces (shop-prod) must have deletion protection: the platform keeps the database and its data if the definition is ever removed.';

describe('IdpPostgresDeletionProtection validation', () => {
  const api = fakeApi();

  it('refuses an unprotected database in a -prod namespace, saying why', async () => {
    const form = { database: { namespace: 'shop-prod', name: 'billing' } };
    await expect(
      runValidation(validateDeletionProtection, false, { api, form }),
    ).resolves.toEqual([prodMessage]);
    await expect(
      runValidation(validateDeletionProtection, undefined as never, {
        api,
        form,
      }),
    ).resolves.toEqual([prodMessage]);
  });

  it('accepts protection in production and no protection elsewhere', async () => {
    await expect(
      runValidation(validateDeletionProtection, true, {
        api,
        form: { database: { namespace: 'shop-prod', name: 'billing' } },
      }),
    ).resolves.toEqual([]);
    await expect(
      runValidation(validateDeletionProtection, false, {
        api,
        form: { database: { namespace: 'shop-dev', name: 'billing' } },
      }),
    ).resolves.toEqual([]);
    await expect(
      runValidation(validateDeletionProtection, false, { api, form: {} }),
    ).resolves.toEqual([]);
  });

  it('reads top-level namespace and name, and the property ui:options.databaseField names', async () => {
    await expect(
      runValidation(validateDeletionProtection, false, {
        api,
        form: { namespace: 'shop-prod', name: 'billing' },
      }),
    ).resolves.toEqual([prodMessage]);
    await expect(
      runValidation(validateDeletionProtection, false, {
        api,
        form: { target: { namespace: 'shop-prod', name: 'billing' } },
        uiOptions: { databaseField: 'target' },
      }),
    ).resolves.toEqual([prodMessage]);
  });

  it("follows the backend's production patterns, and the default *-prod when it cannot answer", async () => {
    const configured = fakeApi({
      checkNewDatabase: async (ref: DatabaseRef) =>
        newDatabaseCheck(ref, { production: ref.namespace === 'shop-live' }),
    });
    await expect(
      runValidation(validateDeletionProtection, false, {
        api: configured,
        form: { database: { namespace: 'shop-live', name: 'billing' } },
      }),
    ).resolves.toEqual([
      expect.stringContaining('production namespaces (shop-live)'),
    ]);

    const down = fakeApi({
      checkNewDatabase: async () => {
        throw new Error('Failed to fetch');
      },
    });
    for (const [namespace, errors] of [
      ['shop-prod', 1],
      ['shop-live', 0],
    ] as const) {
      await expect(
        runValidation(validateDeletionProtection, false, {
          api: down,
          form: { database: { namespace, name: 'billing' } },
        }),
      ).resolves.toHaveLength(errors);
    }
  });
});
