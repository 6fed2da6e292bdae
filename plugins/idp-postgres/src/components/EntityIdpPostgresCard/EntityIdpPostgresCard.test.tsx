import { ServiceUnavailableError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import {
  componentDependingOn,
  databaseResource,
} from '../../__testUtils__/entities';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  partialStatus,
  statusWithMissingSecret,
} from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { EntityIdpPostgresCard } from './EntityIdpPostgresCard';

describe('EntityIdpPostgresCard', () => {
  it('gives a verdict per database and links to the tab', async () => {
    await renderWithEntity(<EntityIdpPostgresCard />, {
      entity: componentDependingOn(
        'resource:default/idp-dev-orders',
        'resource:default/idp-dev-audit',
      ),
      catalog: [
        databaseResource('idp-dev', 'orders'),
        databaseResource('idp-dev', 'audit'),
      ],
      api: fakeApi({
        getStatus: async ref =>
          ref.name === 'orders' ? statusWithMissingSecret() : partialStatus(),
      }),
    });
    const list = await screen.findByRole('list', { name: 'Databases' });
    const [orders, audit] = within(list).getAllByRole('listitem');
    await waitFor(() =>
      expect(orders).toHaveTextContent(
        'idp-dev/orders: Error Broken: at least one check failed. 1 known error detected.',
      ),
    );
    await waitFor(() =>
      expect(audit).toHaveTextContent(
        /^idp-dev\/audit: Unknown Not every check could be run/,
      ),
    );
    expect(
      screen.getByRole('link', { name: /Open the PostgreSQL tab/ }),
    ).toHaveAttribute('href', '/catalog/default/component/orders/postgresql');
  });

  it('shows an unreachable status as unknown, with the reason', async () => {
    await renderWithEntity(<EntityIdpPostgresCard />, {
      entity: databaseResource('idp-dev', 'orders'),
      api: fakeApi({
        getStatus: async () => {
          throw new ServiceUnavailableError('Backend is starting');
        },
      }),
    });
    const item = await screen.findByRole('listitem');
    await waitFor(() =>
      expect(item).toHaveTextContent(
        'idp-dev/orders: Unknown status could not be fetched (Backend is starting).',
      ),
    );
  });

  it('says when there is no database', async () => {
    await renderWithEntity(<EntityIdpPostgresCard />, {
      entity: componentDependingOn(),
      api: fakeApi(),
    });
    expect(
      await screen.findByText('No PostgreSQL databases.'),
    ).toBeInTheDocument();
  });
});
