import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IdpPostgresApi } from '../../api';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { inventory, inventoryDatabase } from '../../__testUtils__/fixtures';
import { renderField } from '../../__testUtils__/renderField';
import { DatabaseNameField } from './DatabaseNameField';
import type { DatabaseNameUiOptions } from './schema';

const schema = {
  title: 'Database',
  description: 'The database to connect, as _namespace/name_.',
};

function render(
  api: IdpPostgresApi,
  uiOptions: DatabaseNameUiOptions = { existing: true },
) {
  return renderField(DatabaseNameField, { api, schema, uiOptions });
}

const withDatabases = fakeApi({
  getInventory: async () =>
    inventory([
      inventoryDatabase('shop-prod', 'billing', {
        owner: {
          entityRef: 'group:default/team-billing',
          source: 'apps-repo',
        },
      }),
      inventoryDatabase('idp-dev', 'orders', { lifecycle: 'pending' }),
      inventoryDatabase('idp-dev', 'old', {
        lifecycle: 'removed-protected',
        owner: undefined,
      }),
    ]),
});

describe('IdpPostgresDatabaseName, existing database', () => {
  it('offers the deployed and pending databases with lifecycle and owner, and picks one', async () => {
    const { onChange } = await render(withDatabases);
    expect(
      screen.getByText('namespace/name', { selector: 'em' }),
    ).toBeVisible();
    const picker = screen.getByRole('textbox', { name: 'Database' });
    await userEvent.click(picker);

    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'idp-dev/orderspending · owned by team-shop',
      'shop-prod/billingdeployed · owned by team-billing',
    ]);
    await userEvent.click(within(options[1]).getByText('shop-prod/billing'));
    expect(onChange).toHaveBeenLastCalledWith({
      namespace: 'shop-prod',
      name: 'billing',
    });
    expect(picker).toHaveValue('shop-prod/billing');
  });

  it('offers the lifecycles the template names', async () => {
    await render(withDatabases, {
      existing: true,
      lifecycles: ['removed-protected'],
    });
    await userEvent.click(screen.getByRole('textbox', { name: 'Database' }));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'idp-dev/oldremoved-protected · no owner recorded',
    ]);
  });

  it('says when there is no database to act on', async () => {
    await render(fakeApi());
    expect(
      await screen.findByText(
        'There are no databases you may act on (deployed or pending).',
      ),
    ).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Database' })).toBeDisabled();
  });

  it('says why the databases could not be loaded', async () => {
    await render(
      fakeApi({
        getInventory: async () => {
          throw new Error('Failed to fetch');
        },
      }),
    );
    expect(
      await screen.findByText('Could not load the databases: Failed to fetch'),
    ).toBeVisible();
  });
});
