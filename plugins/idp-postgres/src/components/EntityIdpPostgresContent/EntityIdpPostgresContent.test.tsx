import { NotFoundError } from '@backstage/errors';
import {
  DatabaseStatus,
  knownError,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  componentDependingOn,
  databaseResource,
} from '../../__testUtils__/entities';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  grantReport,
  healthyStatus,
  monitoringReport,
  restorePlan,
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
      'Monitoring',
      'Connect',
      'Grants',
      'Restore secrets',
    ]) {
      expect(within(panel).getByText(title)).toBeInTheDocument();
    }
    expect(
      await within(panel).findByText(
        'The write role’s Kubernetes secret is missing; its copy in Secrets Manager can restore it.',
      ),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('article', {
        name: 'Kubernetes secrets of the database are missing',
      }),
    ).toHaveTextContent('The Restore section below can do this.');
    // The e2e tests wait for this label: the status has loaded.
    expect(within(panel).getByText('Database resource')).toBeInTheDocument();
  });

  it('applies grants from the headline, then checks status, known errors and monitoring again', async () => {
    let applied = false;
    const missing = () => (applied ? [] : grantReport().missing);
    const getStatus = jest.fn(async (): Promise<DatabaseStatus> => {
      if (applied) return healthyStatus();
      const status = healthyStatus();
      const entry = knownError('missing-schema-usage');
      status.state = 'warning';
      status.headline = {
        sentence:
          'App demo-dev/shop reads the read role, which cannot use schema public.',
        next: { kind: 'apply-grants', label: 'Apply grants' },
      };
      status.grants = {
        state: 'warning',
        reason: 'Read and write miss privileges.',
        report: grantReport(),
      };
      status.knownErrors = [
        { ...entry, detail: 'The read role has no USAGE on public.' },
      ];
      return status;
    });
    const getMonitoring = jest.fn(async () => monitoringReport());
    const api = fakeApi({
      getStatus,
      getMonitoring,
      getGrants: async () =>
        grantReport({
          missing: missing(),
          fixSql: applied ? [] : grantReport().fixSql,
        }),
      applyGrants: async () => {
        applied = true;
        return {
          database: 'idp-dev-orders',
          statements: grantReport().fixSql,
          warnings: [],
          after: grantReport({ missing: [], fixSql: [] }),
        };
      },
    });
    await renderWithEntity(<EntityIdpPostgresContent />, {
      entity: databaseResource('idp-dev', 'orders'),
      api,
    });
    const verdict = await screen.findByRole('group', { name: 'Verdict' });
    expect(
      screen.getByRole('article', {
        name: knownError('missing-schema-usage').title,
      }),
    ).toBeInTheDocument();
    // One "Apply grants" on the page: the headline's; Grants points to it.
    const apply = within(verdict).getByRole('button', { name: 'Apply grants' });
    expect(
      screen.getAllByRole('button', { name: 'Apply grants' }),
    ).toHaveLength(1);
    expect(
      screen.getByText('Apply it with Apply grants in the status above.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(apply).toBeEnabled());
    expect(getMonitoring).toHaveBeenCalledTimes(1);

    await userEvent.click(apply);
    const dialog = screen.getByRole('dialog', {
      name: 'Apply grants on idp-dev-orders?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Apply' }),
    );

    expect(
      await screen.findByText('Healthy: every check passed.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('None of the known errors was detected.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Nothing is missing; there is no SQL to run.'),
    ).toBeInTheDocument();
    expect(getStatus).toHaveBeenLastCalledWith(
      { namespace: 'idp-dev', name: 'orders' },
      { refresh: true },
    );
    await waitFor(() => expect(getMonitoring).toHaveBeenCalledTimes(2));
  });

  it('plans the restore from the headline, and checks again after restoring', async () => {
    let restored = false;
    const getStatus = jest.fn(async () =>
      restored ? healthyStatus() : statusWithMissingSecret(),
    );
    const getMonitoring = jest.fn(async () => monitoringReport());
    const planRestore = jest.fn(async () => restorePlan());
    const api = fakeApi({
      getStatus,
      getMonitoring,
      planRestore,
      restoreSecrets: async () => {
        restored = true;
        return {
          ...restorePlan(),
          dryRun: false,
          outcome: 'complete' as const,
          items: restorePlan().items.map(i => ({
            ...i,
            outcome:
              i.action === 'create' ? ('done' as const) : ('skipped' as const),
          })),
        };
      },
    });
    await renderWithEntity(<EntityIdpPostgresContent />, {
      entity: databaseResource('idp-dev', 'orders'),
      api,
    });
    const verdict = await screen.findByRole('group', { name: 'Verdict' });
    const start = within(verdict).getByRole('button', {
      name: 'Restore the secret',
    });
    await waitFor(() => expect(start).toBeEnabled());
    await userEvent.click(start);
    expect(planRestore).toHaveBeenCalledWith(
      { namespace: 'idp-dev', name: 'orders' },
      {
        force: false,
        roles: ['admin', 'write', 'read'],
        restoreScheduledSecrets: false,
      },
    );
    expect(
      await screen.findByRole('table', { name: 'Restore plan' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Restore 1 secret' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Restore',
      }),
    );
    expect(
      await screen.findByRole('table', { name: 'Restore results' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Healthy: every check passed.'),
    ).toBeInTheDocument();
    expect(getStatus).toHaveBeenLastCalledWith(
      { namespace: 'idp-dev', name: 'orders' },
      { refresh: true },
    );
    await waitFor(() => expect(getMonitoring).toHaveBeenCalledTimes(2));
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
      await screen.findByText(/The write role’s Kubernetes secret is missing/),
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
      await screen.findByRole('list', { name: 'Privileges of the read role' }),
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
