import { ResponseError } from '@backstage/errors';
import type { DatabaseStatus } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  grantReport,
  healthyStatus,
  partialStatus,
} from '../../__testUtils__/fixtures';
import { StatusSection } from './StatusSection';

function render(value: DatabaseStatus, loading = false) {
  return renderInTestApp(
    <StatusSection status={{ loading, value }} onRefresh={() => {}} />,
  );
}

/** The matrix cell of a role and check, by the name its button carries. */
function cell(role: string, check: string) {
  return screen.getByRole('button', {
    name: new RegExp(`^${role} role, ${check}: `),
  });
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

  it('keeps the last status on screen while it checks again', async () => {
    await render(healthyStatus(), true);
    expect(
      screen.getByText('Healthy: every check passed.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Checking again' }),
    ).toBeInTheDocument();
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

  it('gives the verdict and headline, the resource, a role × check matrix and when it was checked', async () => {
    await render(healthyStatus());
    const verdict = screen.getByRole('group', { name: 'Verdict' });
    // The state's word is for screen readers; the icon shows it.
    expect(verdict).toHaveTextContent('OK: Healthy: every check passed.');
    expect(verdict.querySelector('[data-state="ok"]')).not.toBeNull();
    expect(within(verdict).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText('Database resource')).toBeInTheDocument();
    expect(screen.getByText(/Ready and Synced\./)).toBeInTheDocument();

    const matrix = screen.getByRole('table', { name: 'Checks per role' });
    expect(
      within(matrix)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Role',
      'Kubernetes secret',
      'Secrets Manager copy',
      'Copies agree',
      'Login',
      'Privileges',
    ]);
    // Three rows of roles instead of thirteen rows of checks.
    expect(within(matrix).getAllByRole('row')).toHaveLength(4);
    expect(cell('write', 'Login')).toHaveAccessibleName(
      'write role, Login: OK: Logged in as idp-dev-orders-write over TLS.',
    );
    // The admin role owns the objects: its privileges are not a check.
    expect(
      within(within(matrix).getByRole('row', { name: /^admin/ })).getByText(
        'n/a',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Checks that are not OK' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/Checked/).querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-11-20T10:15:00.000Z',
    );
  });

  it('gives each cell its state as an icon and its reason in a tooltip', async () => {
    await render(partialStatus());
    const unknown = cell('read', 'Secrets Manager copy');
    expect(unknown.querySelector('[data-state="unknown"]')).not.toBeNull();
    await userEvent.hover(unknown);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Unknown: Secrets Manager did not answer within 5 s.',
    );
    const ok = cell('read', 'Login');
    expect(ok.querySelector('[data-state="ok"]')).not.toBeNull();
  });

  it('shows a cell’s reason under the matrix on click or from the keyboard', async () => {
    const user = userEvent.setup();
    await render(healthyStatus());
    const login = cell('admin', 'Login');
    expect(login).toHaveAttribute('aria-expanded', 'false');
    login.focus();
    await user.keyboard('{Enter}');
    expect(login).toHaveAttribute('aria-expanded', 'true');
    const detail = document.getElementById(
      login.getAttribute('aria-controls')!,
    )!;
    expect(detail).toHaveTextContent(
      'admin role, Login: OK. Logged in as idp-dev-orders-admin over TLS.',
    );
    await user.keyboard(' ');
    expect(login).toHaveAttribute('aria-expanded', 'false');
    expect(detail).toBeEmptyDOMElement();
  });

  it('shows checks that could not run as unknown, and lists a shared reason once', async () => {
    await render(partialStatus());
    const verdict = screen.getByRole('group', { name: 'Verdict' });
    expect(verdict).toHaveTextContent(
      'Unknown: Secrets Manager did not answer, so its checks are unknown.',
    );
    expect(verdict).toHaveTextContent('Next: Refresh in a minute');
    const problems = screen.getByRole('list', {
      name: 'Checks that are not OK',
    });
    const items = within(problems).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent(
      'Unknown: Secrets Manager did not answer within 5 s. (admin role, Secrets Manager copy; write role, Secrets Manager copy; read role, Secrets Manager copy)',
    );
    // The checks that did run keep their own result.
    expect(cell('read', 'Login')).toHaveAccessibleName(/: OK: /);
  });

  it('shows information as information: a role without privileges that no app uses', async () => {
    const status = healthyStatus();
    status.state = 'info';
    status.headline = {
      sentence:
        'Healthy, nothing to do: no app in the apps repo uses the read or write role yet.',
    };
    status.grants = {
      state: 'info',
      reason: 'No app in the apps repo uses the read or write role yet.',
      report: grantReport({
        missing: [
          {
            role: 'read',
            privilege: 'USAGE',
            kind: 'schema',
            count: 1,
            samples: ['public'],
          },
        ],
      }),
    };
    await render(status);
    const verdict = screen.getByRole('group', { name: 'Verdict' });
    expect(verdict).toHaveTextContent(/^Info: Healthy, nothing to do/);
    expect(verdict.querySelector('[data-state="info"]')).not.toBeNull();
    const read = cell('read', 'Privileges');
    expect(read).toHaveAccessibleName(
      'read role, Privileges: Info: The read role misses USAGE on schema public. No app in the apps repo uses the read or write role yet.',
    );
    expect(read.querySelector('[data-state="info"]')).not.toBeNull();
    expect(cell('write', 'Privileges')).toHaveAccessibleName(/: OK: /);
  });

  it('shows the resource’s conditions when it is not ready, and when a deletion was asked for and purges', async () => {
    const status = healthyStatus();
    status.state = 'error';
    // A backend from before the headline: the verdict stands in.
    delete (status as Partial<DatabaseStatus>).headline;
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
      deletionDate: '2026-12-01T08:00:00.000Z',
      purgeWindow: {
        earliest: '2026-12-08T08:00:00.000Z',
        latest: '2026-12-31T08:00:00.000Z',
      },
    };
    await render(status);
    expect(
      screen.getByText('Broken: at least one check failed.'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', {
          name: 'Conditions of the database resource',
        }),
      ).getByText('Ready: False (ReconcileError) — cannot create role'),
    ).toBeInTheDocument();
    expect(cell('read', 'Secrets Manager copy')).toHaveAccessibleName(
      'read role, Secrets Manager copy: Error: Scheduled for deletion. Deletion requested on 2026-12-01. It is purged between 2026-12-08 and 2026-12-31, depending on its recovery window.',
    );
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
