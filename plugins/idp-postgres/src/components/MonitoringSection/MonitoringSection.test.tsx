import { ServiceUnavailableError } from '@backstage/errors';
import type { MonitoringReport } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { monitoringReport } from '../../__testUtils__/fixtures';
import type { AsyncState } from '../common/AsyncState';
import { MonitoringSection } from './MonitoringSection';

function render(monitoring: AsyncState<MonitoringReport>) {
  return renderInTestApp(<MonitoringSection monitoring={monitoring} />);
}

async function openDetails() {
  await userEvent.click(screen.getByRole('button', { name: 'Show details' }));
}

describe('MonitoringSection', () => {
  it('sums up size, connections and version in one line, with the details folded', async () => {
    await render({ loading: false, value: monitoringReport() });
    expect(
      screen.getByText('Size 12.3 MB · 7 of 100 connections · PostgreSQL 16.4'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Show details' }),
    ).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText(/Backups:/)).not.toBeInTheDocument();
  });

  it('shows connections against the limit, long sessions, table upkeep and backups', async () => {
    await render({ loading: false, value: monitoringReport() });
    await openDetails();
    expect(
      screen.getByRole('progressbar', {
        name: '7 of 100 connections in use (the server’s max_connections)',
      }),
    ).toHaveAttribute('aria-valuenow', '7');
    expect(
      screen.getByText('idp-dev-orders-write', { selector: 'code' })
        .parentElement,
    ).toHaveTextContent('idp-dev-orders-write: 2 active, 4 idle');
    expect(
      screen.getByText(/Longest-running query:/).parentElement,
    ).toHaveTextContent('2 min 5 s, by idp-dev-orders-write');
    expect(
      screen.getByText(/Idle in transaction:/).parentElement,
    ).toHaveTextContent('no session');
    const tables = screen.getByRole('table', { name: 'Largest tables' });
    expect(
      within(tables).getByRole('row', { name: /^public\.orders 8\.0 MB/ }),
    ).toHaveTextContent('20 Nov 2026');
    expect(
      within(tables).getByRole('row', { name: /^public\.order_lines/ }),
    ).toHaveTextContent('2.0 MBnevernever');
    expect(screen.getByText(/Backups:/).parentElement).toHaveTextContent(
      'Backups: Aurora keeps automated snapshots for 7 days. Backup policy',
    );
    expect(screen.getByRole('link', { name: /Backup policy/ })).toHaveAttribute(
      'href',
      'https://docs.example.test/backups',
    );
    expect(screen.getByText(/Restoring data:/).parentElement).toHaveTextContent(
      'the platform team restores a snapshot into a new cluster',
    );
  });

  it('hints at sessions idle in a transaction for long, even folded', async () => {
    await render({
      loading: false,
      value: monitoringReport({
        idleInTransaction: [
          {
            role: 'idp-dev-orders-write',
            state: 'idle in transaction',
            seconds: 1800,
          },
          {
            role: 'idp-dev-orders-read',
            state: 'idle in transaction',
            seconds: 3,
          },
        ],
      }),
    });
    expect(
      screen.getByText('A session has been idle in a transaction for long.'),
    ).toBeInTheDocument();
    await openDetails();
    expect(
      screen.getByText(/Idle in transaction:/).parentElement,
    ).toHaveTextContent(
      '30 min (idp-dev-orders-write), 3 s (idp-dev-orders-read)',
    );
    expect(
      screen.getByText(
        /A session has been idle in a transaction for over 5 min/,
      ),
    ).toHaveTextContent('look for a missing commit or rollback');
  });

  it('warns when connections are close to the limit', async () => {
    const report = monitoringReport();
    report.connections = {
      ...report.connections!,
      limit: 8,
      limitSource: 'database',
    };
    await render({ loading: false, value: report });
    expect(
      screen.getByText('Connections are close to the limit.'),
    ).toBeInTheDocument();
    await openDetails();
    expect(
      screen.getByText(
        /7 of 8 connections in use \(the database’s connection limit\)/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the parts it could not read as unknown, and why', async () => {
    await render({
      loading: false,
      value: monitoringReport({
        sizeBytes: undefined,
        serverVersion: undefined,
        connections: undefined,
        longestQuery: undefined,
        largestTables: [],
        unknown: [
          'Size and version: permission denied for function pg_database_size.',
          'Sessions: pg_stat_activity did not answer within 5 s.',
        ],
      }),
    });
    expect(
      screen.getByText(
        'Size unknown · connections unknown · server version unknown',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2 parts could not be read; the details say why.'),
    ).toBeInTheDocument();
    await openDetails();
    expect(
      screen.getByText('Unknown: could not be read (see below).'),
    ).toBeInTheDocument();
    // Unread sessions are unknown, not "none".
    expect(
      screen.getByText(/Longest-running query:/).parentElement,
    ).toHaveTextContent('Longest-running query: unknown');
    expect(
      screen.getByText(/Idle in transaction:/).parentElement,
    ).toHaveTextContent('Idle in transaction: unknown');
    expect(
      screen.getByText('Sessions: pg_stat_activity did not answer within 5 s.'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await render({ loading: true });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the report cannot be read', async () => {
    await render({
      loading: false,
      error: new ServiceUnavailableError('PostgreSQL did not answer'),
    });
    expect(
      screen.getByText(/Could not read the monitoring/),
    ).toBeInTheDocument();
  });
});
