import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { healthyStatus, partialStatus } from '../../__testUtils__/fixtures';
import { StatusSection } from './StatusSection';

function rowOf(name: string) {
  return screen.getByRole('row', { name: new RegExp(`^${name}`) });
}

describe('StatusSection', () => {
  it('shows progress while loading', async () => {
    await renderInTestApp(
      <StatusSection status={{ loading: true }} onRefresh={() => {}} />,
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Check the status again' }),
    ).toBeDisabled();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({ error: { name: 'NotFoundError', message: 'No route' } }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'Content-Type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response);
    await renderInTestApp(
      <StatusSection status={{ loading: false, error }} onRefresh={() => {}} />,
    );
    expect(screen.getByText(/Could not get the status/)).toBeInTheDocument();
    expect(screen.getAllByText(/No route/).length).toBeGreaterThan(0);
  });

  it('gives the verdict, every check with its reason, and when it was checked', async () => {
    await renderInTestApp(
      <StatusSection
        status={{ loading: false, value: healthyStatus() }}
        onRefresh={() => {}}
      />,
    );
    expect(
      screen.getByText('Healthy: every check passed.'),
    ).toBeInTheDocument();
    const login = rowOf('write role \\(idp-dev-orders-write\\): login');
    expect(within(login).getByText('OK')).toBeInTheDocument();
    expect(
      within(login).getByText('Logged in as idp-dev-orders-write over TLS.'),
    ).toBeInTheDocument();
    expect(rowOf('Database resource')).toHaveTextContent('Ready and Synced.');
    expect(rowOf('Grants of read and write')).toHaveTextContent('OK');
    expect(screen.getByText(/Checked/).querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-11-20T10:15:00.000Z',
    );
  });

  it('shows checks that could not run as unknown, not as passed or failed', async () => {
    await renderInTestApp(
      <StatusSection
        status={{ loading: false, value: partialStatus() }}
        onRefresh={() => {}}
      />,
    );
    expect(screen.getByText(/health is partly unknown/)).toBeInTheDocument();
    const secret = rowOf(
      'read role \\(idp-dev-orders-read\\): Secrets Manager secret',
    );
    expect(within(secret).getByText('Unknown')).toBeInTheDocument();
    expect(within(secret).queryByText('OK')).not.toBeInTheDocument();
    expect(within(secret).queryByText('Error')).not.toBeInTheDocument();
    expect(secret).toHaveTextContent(
      'Secrets Manager did not answer within 5 s.',
    );
    // The checks that did run keep their own result.
    expect(
      within(rowOf('read role \\(idp-dev-orders-read\\): login')).getByText(
        'OK',
      ),
    ).toBeInTheDocument();
  });

  it('shows conditions and a scheduled deletion date', async () => {
    const status = healthyStatus();
    status.state = 'error';
    status.resource = {
      state: 'error',
      reason: 'Not ready.',
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'ReconcileError',
          message: 'cannot create role',
        },
      ],
    };
    status.roles[2].secretsManagerSecret = {
      state: 'error',
      reason: 'Scheduled for deletion.',
      deletionDate: '2026-12-01',
    };
    await renderInTestApp(
      <StatusSection
        status={{ loading: false, value: status }}
        onRefresh={() => {}}
      />,
    );
    expect(
      screen.getByText('Broken: at least one check failed.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Ready: False \(ReconcileError\) — cannot create role/),
    ).toBeInTheDocument();
    expect(
      rowOf('read role \\(idp-dev-orders-read\\): Secrets Manager secret'),
    ).toHaveTextContent('Deletion requested on 2026-12-01.');
  });

  it('refreshes on request', async () => {
    const onRefresh = jest.fn();
    await renderInTestApp(
      <StatusSection
        status={{ loading: false, value: healthyStatus() }}
        onRefresh={onRefresh}
      />,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Check the status again' }),
    );
    expect(onRefresh).toHaveBeenCalledTimes(1);
  });
});
