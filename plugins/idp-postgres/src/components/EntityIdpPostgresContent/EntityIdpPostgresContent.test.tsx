import { NotFoundError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  componentDependingOn,
  databaseResource,
} from '../../__testUtils__/entities';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  healthyStatus,
  statusWithMissingSecret,
} from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { EntityIdpPostgresContent } from './EntityIdpPostgresContent';

describe('EntityIdpPostgresContent', () => {
  it('shows every section for a database Resource', async () => {
    await renderWithEntity(<EntityIdpPostgresContent />, {
      entity: databaseResource('idp-dev', 'orders'),
      api: fakeApi({ getStatus: async () => statusWithMissingSecret() }),
    });
    const panel = await screen.findByRole('region', {
      name: /^orders in namespace idp-dev/,
    });
    for (const title of [
      'Status',
      'Known errors',
      'Connect',
      'Grants',
      'Restore secrets',
    ]) {
      expect(within(panel).getByText(title)).toBeInTheDocument();
    }
    expect(
      await within(panel).findByText('Broken: at least one check failed.'),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('article', {
        name: 'Kubernetes secrets of the database are missing',
      }),
    ).toHaveTextContent('The Restore section below can do this.');
  });

  it('checks the status again after grants are applied', async () => {
    const getStatus = jest
      .fn()
      .mockResolvedValueOnce(statusWithMissingSecret())
      .mockResolvedValue(healthyStatus());
    await renderWithEntity(<EntityIdpPostgresContent />, {
      entity: databaseResource('idp-dev', 'orders'),
      api: fakeApi({ getStatus }),
    });
    expect(
      await screen.findByText('Broken: at least one check failed.'),
    ).toBeInTheDocument();
    const apply = await screen.findByRole('button', { name: 'Apply grants' });
    await waitFor(() => expect(apply).toBeEnabled());
    await userEvent.click(apply);
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Apply' }),
    );
    expect(
      await screen.findByText('Healthy: every check passed.'),
    ).toBeInTheDocument();
    expect(getStatus).toHaveBeenLastCalledWith(
      { namespace: 'idp-dev', name: 'orders' },
      { refresh: true },
    );
  });

  it('shows one panel per database a Component depends on', async () => {
    await renderWithEntity(<EntityIdpPostgresContent />, {
      entity: componentDependingOn(
        'resource:default/idp-dev.orders',
        'resource:default/idp-prod.orders',
      ),
      catalog: [
        databaseResource('idp-dev', 'orders'),
        databaseResource('idp-prod', 'orders'),
      ],
      api: fakeApi(),
    });
    expect(
      await screen.findByRole('region', {
        name: /^orders in namespace idp-dev/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: /^orders in namespace idp-prod/ }),
    ).toBeInTheDocument();
  });

  it('keeps the other sections when the status cannot be fetched', async () => {
    await renderWithEntity(<EntityIdpPostgresContent />, {
      entity: databaseResource('idp-dev', 'orders'),
      api: fakeApi({
        getStatus: async () => {
          throw new NotFoundError('No status for idp-dev/orders');
        },
      }),
    });
    expect(
      await screen.findByText(/Could not get the status/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Connection strings from an app in the cluster'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Privileges of the read role' }),
    ).toBeInTheDocument();
  });

  it('says when the entity has no database, and why others were skipped', async () => {
    await renderWithEntity(<EntityIdpPostgresContent />, {
      entity: componentDependingOn('resource:default/idp-dev.gone'),
      api: fakeApi(),
    });
    expect(
      await screen.findByText('No PostgreSQL databases'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('resource:default/idp-dev.gone is not in the catalog.'),
    ).toBeInTheDocument();
  });
});
