import { ServiceUnavailableError } from '@backstage/errors';
import { KNOWN_ERRORS } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { screen, waitFor, within } from '@testing-library/react';
import {
  componentDependingOn,
  databaseResource,
} from '../../__testUtils__/entities';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  partialStatus,
  statusWithEveryKnownError,
  statusWithMissingSecret,
} from '../../__testUtils__/fixtures';
import { UI_TIMEOUT_MS } from '../../__testUtils__/renderSection';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { EntityIdpPostgresCard } from './EntityIdpPostgresCard';

describe('EntityIdpPostgresCard', () => {
  it('gives a verdict per database and links to the tab', async () => {
    await renderWithEntity(<EntityIdpPostgresCard />, {
      entity: componentDependingOn(
        'resource:default/idp-dev.orders',
        'resource:default/idp-dev.audit',
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
    const list = await screen.findByRole(
      'list',
      { name: 'Databases' },
      { timeout: UI_TIMEOUT_MS },
    );
    const [orders, audit] = within(list).getAllByRole('listitem');
    expect(
      await within(orders).findByText(
        '1 known error detected: Kubernetes secrets of the database are missing.',
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(orders).toHaveTextContent(
      /^idp-dev\/orders: Error Broken: at least one check failed\./,
    );
    await waitFor(
      () =>
        expect(audit).toHaveTextContent(
          /^idp-dev\/audit: Unknown Not every check could be run/,
        ),
      { timeout: UI_TIMEOUT_MS },
    );
    expect(audit).not.toHaveTextContent(/known error/);
    expect(
      screen.getByRole('link', { name: /Open the PostgreSQL tab/ }),
    ).toHaveAttribute('href', '/catalog/default/component/orders/postgresql');
  });

  it('names at most two detected known errors, then how many more', async () => {
    await renderWithEntity(<EntityIdpPostgresCard />, {
      entity: componentDependingOn(
        'resource:default/idp-dev.orders',
        'resource:default/idp-dev.audit',
      ),
      catalog: [
        databaseResource('idp-dev', 'orders'),
        databaseResource('idp-dev', 'audit'),
      ],
      api: fakeApi({
        getStatus: async ref => {
          const status = statusWithEveryKnownError();
          // audit: exactly two, so nothing is left to count.
          if (ref.name === 'audit') {
            status.knownErrors = status.knownErrors.slice(2, 4);
          }
          return status;
        },
      }),
    });
    const list = await screen.findByRole(
      'list',
      { name: 'Databases' },
      { timeout: UI_TIMEOUT_MS },
    );
    const [orders, audit] = within(list).getAllByRole('listitem');
    const [first, second, third, fourth] = KNOWN_ERRORS.map(e => e.title);
    const more = KNOWN_ERRORS.length - 2;
    expect(
      await within(orders).findByText(
        `${KNOWN_ERRORS.length} known errors detected: ${first}; ${second}; and ${more} more.`,
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(orders).not.toHaveTextContent(third);
    expect(
      await within(audit).findByText(
        `2 known errors detected: ${third}; ${fourth}.`,
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(audit).not.toHaveTextContent(/more/);
    expect(audit).toHaveTextContent(
      /^idp-dev\/audit: Error Broken: at least one check failed\./,
    );
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
    const item = await screen.findByRole(
      'listitem',
      {},
      { timeout: UI_TIMEOUT_MS },
    );
    await waitFor(
      () =>
        expect(item).toHaveTextContent(
          'idp-dev/orders: Unknown status could not be fetched (Backend is starting).',
        ),
      { timeout: UI_TIMEOUT_MS },
    );
  });

  it('says when there is no database', async () => {
    await renderWithEntity(<EntityIdpPostgresCard />, {
      entity: componentDependingOn(),
      api: fakeApi(),
    });
    expect(
      await screen.findByText(
        'No PostgreSQL databases.',
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
  });
});
