import { ServiceUnavailableError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IdpPostgresApi } from '../../api';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { grantReport, ref } from '../../__testUtils__/fixtures';
import {
  UI_TIMEOUT_MS,
  findEnabledButton,
  renderSection,
} from '../../__testUtils__/renderSection';
import { GrantsSection } from './GrantsSection';

// usePermission caches decisions per request in a module-wide cache, so a
// test that needs a fresh decision uses a database of its own.
function render(
  api: IdpPostgresApi,
  decision: 'allow' | 'deny' = 'allow',
  dbRef = ref,
) {
  return renderSection(<GrantsSection dbRef={dbRef} />, { api, decision });
}

describe('GrantsSection', () => {
  it('lists missing and extra privileges per role with the fix SQL', async () => {
    await render(fakeApi());
    const write = await screen.findByRole(
      'table',
      { name: 'Privileges of the write role' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(
      within(write).getByRole('row', {
        name: 'Missing INSERT table public.orders',
      }),
    ).toBeInTheDocument();
    const read = screen.getByRole('table', {
      name: 'Privileges of the read role',
    });
    expect(
      within(read).getByRole('row', { name: 'Missing USAGE schema public' }),
    ).toBeInTheDocument();
    expect(
      within(read).getByRole('row', {
        name: 'Extra DELETE table public.orders',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('SQL that grants the missing privileges', {
        selector: 'pre',
      }),
    ).toHaveTextContent(
      'GRANT USAGE ON SCHEMA public TO "idp-dev-orders-read";',
    );
    expect(
      screen.getByRole('button', {
        name: 'Copy SQL that grants the missing privileges',
      }),
    ).toBeInTheDocument();
  });

  it('asks about the database Resource, confirms, applies and shows the result', async () => {
    const applyGrants = jest.fn(fakeApi().applyGrants);
    const audited = { namespace: 'idp-dev', name: 'audited' };
    const { authorize } = await render(
      fakeApi({ applyGrants }),
      'allow',
      audited,
    );
    const button = await findEnabledButton('Apply grants');
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        resourceRef: 'idp-dev/audited',
      }),
    );

    await userEvent.click(button);
    const dialog = screen.getByRole('dialog', {
      name: 'Apply grants on idp-dev-orders?',
    });
    expect(dialog).toHaveTextContent('run as idp-dev-orders-admin');
    expect(dialog).toHaveTextContent('GRANT USAGE ON SCHEMA public');
    expect(applyGrants).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Apply' }),
    );

    expect(
      await screen.findByText(
        'Applied 2 statements',
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Nothing is missing any more.'),
    ).toBeInTheDocument();
    expect(applyGrants).toHaveBeenCalledWith(audited);
    expect(
      screen.getByText('Nothing is missing; there is no SQL to run.'),
    ).toBeInTheDocument();
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const applyGrants = jest.fn(fakeApi().applyGrants);
    await render(fakeApi({ applyGrants }));
    const button = await findEnabledButton('Apply grants');
    await userEvent.click(button);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(applyGrants).not.toHaveBeenCalled();
  });

  it('shows PostgreSQL warnings and what is still missing', async () => {
    await render(
      fakeApi({
        applyGrants: async () => ({
          database: 'idp-dev-orders',
          statements: ['GRANT …'],
          warnings: ['no privileges were granted for "legacy"'],
          after: grantReport({
            missing: [
              {
                role: 'read',
                kind: 'table',
                object: 'public.legacy',
                privilege: 'SELECT',
              },
            ],
          }),
        }),
      }),
    );
    const button = await findEnabledButton('Apply grants');
    await userEvent.click(button);
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(
      await screen.findByText(
        'Applied 1 statement',
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('no privileges were granted for "legacy"'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 privilege is still missing/),
    ).toBeInTheDocument();
  });

  it('disables Apply with the reason when not permitted', async () => {
    await render(fakeApi(), 'deny', {
      namespace: 'idp-dev',
      name: 'locked',
    });
    const button = await screen.findByRole(
      'button',
      { name: 'Apply grants' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(
      await screen.findByText(
        /You may not apply grants: it needs the idp-postgres.grants.apply permission/,
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(button).toBeDisabled();
    // The SQL stays available to copy and run by hand.
    expect(
      screen.getByRole('button', {
        name: 'Copy SQL that grants the missing privileges',
      }),
    ).toBeEnabled();
  });

  it('shows a failed apply', async () => {
    await render(
      fakeApi({
        applyGrants: async () => {
          throw new ServiceUnavailableError('PostgreSQL did not answer');
        },
      }),
    );
    const button = await findEnabledButton('Apply grants');
    await userEvent.click(button);
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(
      await screen.findByText(
        /Applying grants failed/,
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
  });

  it('says when nothing is missing', async () => {
    await render(
      fakeApi({
        getGrants: async () =>
          grantReport({ missing: [], extra: [], fixSql: [] }),
      }),
    );
    expect(
      await screen.findByText(
        'The write role has exactly the expected privileges.',
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Apply grants' }),
    ).not.toBeInTheDocument();
  });

  it('shows loading and then an error from the backend', async () => {
    let fail: (e: Error) => void = () => {};
    await render(
      fakeApi({
        getGrants: () =>
          new Promise((_, reject) => {
            fail = reject;
          }),
      }),
    );
    expect(
      await screen.findByTestId('progress', {}, { timeout: UI_TIMEOUT_MS }),
    ).toBeInTheDocument();
    fail(new ServiceUnavailableError('PostgreSQL did not answer'));
    expect(
      await screen.findByText(
        /Could not check the grants/,
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
  });
});
