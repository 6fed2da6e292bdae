import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IdpPostgresApi } from '../../api';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  grantReport,
  notOwnedByAdmin,
  ref,
} from '../../__testUtils__/fixtures';
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
      'list',
      { name: 'Privileges of the write role' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(
      within(write)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['write lacks INSERT on table orders']);
    const read = screen.getByRole('list', {
      name: 'Privileges of the read role',
    });
    expect(
      within(read)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'read lacks USAGE on schema public',
      'read also has DELETE on table orders',
    ]);
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
                privilege: 'SELECT',
                kind: 'table',
                count: 1,
                samples: ['legacy'],
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

  it('shows each group as one line with its count and first names, however many objects', async () => {
    const samples = ['items', 'orders', 'payments', 'refunds', 'users'];
    await render(
      fakeApi({
        getGrants: async () =>
          grantReport({
            objects: { tables: 1000, sequences: 1000 },
            missing: [
              {
                role: 'write',
                privilege: 'INSERT',
                kind: 'table',
                count: 1000,
                samples,
              },
              {
                role: 'write',
                privilege: 'UPDATE',
                kind: 'sequence',
                count: 3,
                samples: ['a_seq', 'b_seq', 'c_seq'],
              },
              {
                role: 'read',
                privilege: 'SELECT',
                kind: 'default-tables',
                count: 1,
                samples: ['public'],
              },
            ],
            extra: [
              {
                role: 'read',
                privilege: 'TRUNCATE',
                kind: 'table',
                count: 12,
                samples,
              },
            ],
          }),
      }),
    );
    const write = await screen.findByRole(
      'list',
      { name: 'Privileges of the write role' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(
      within(write)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'write lacks INSERT on 1,000 tables: items, orders, payments, refunds, users and 995 more',
      'write lacks UPDATE on 3 sequences: a_seq, b_seq, c_seq',
    ]);
    expect(
      within(screen.getByRole('list', { name: 'Privileges of the read role' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'read lacks SELECT on future tables in schema public',
      'read also has TRUNCATE on 12 tables: items, orders, payments, refunds, users and 7 more',
    ]);
    // One line per group, not per object.
    expect(screen.getAllByRole('listitem')).toHaveLength(4);
  });

  it('shows the objects an apply left out, with the statements their owners run', async () => {
    const left = {
      kind: 'table' as const,
      object: 'legacy',
      owner: 'migrator',
      fixSql: 'ALTER TABLE "public"."legacy" OWNER TO "idp-dev-orders-admin";',
    };
    const skipped = {
      ...notOwnedByAdmin([left]),
      count: 100,
      owners: [{ owner: 'migrator', count: 100, samples: [left] }],
    };
    await render(
      fakeApi({
        applyGrants: async () => ({
          database: 'idp-dev-orders',
          statements: [
            'GRANT USAGE ON SCHEMA public TO "idp-dev-orders-read";',
          ],
          warnings: [],
          skipped,
          after: grantReport({
            missing: [
              {
                role: 'read',
                privilege: 'SELECT',
                kind: 'table',
                count: 100,
                samples: ['legacy'],
              },
            ],
            notOwnedByAdmin: skipped,
          }),
        }),
      }),
    );
    await userEvent.click(await findEnabledButton('Apply grants'));
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const result = await screen.findByRole(
      'region',
      { name: 'Result of applying grants' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(result).toHaveTextContent(
      'Left out 100 objects idp-dev-orders-admin does not own',
    );
    expect(result).toHaveTextContent(
      'Everything else was granted. Granting on these needs migrator (100) to hand them to idp-dev-orders-admin first, then apply again:',
    );
    expect(
      within(result).getByLabelText('Statements for the owners to run'),
    ).toHaveTextContent(left.fixSql);
    expect(result).toHaveTextContent(
      '100 privileges are still missing, on the objects left out',
    );
  });

  it('shows a refused apply with its reason and checks the grants again', async () => {
    const getGrants = jest.fn(async () => grantReport());
    await render(
      fakeApi({
        getGrants,
        applyGrants: async () => {
          throw new ConflictError(
            'Applying grants to idp-dev-orders as idp-dev-orders-admin failed; nothing was changed. PostgreSQL refused a grant: permission denied for table legacy.',
          );
        },
      }),
    );
    await userEvent.click(await findEnabledButton('Apply grants'));
    const calls = getGrants.mock.calls.length;
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(
      await screen.findByText(
        /Applying grants failed/,
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Applying grants to idp-dev-orders as idp-dev-orders-admin failed; nothing was changed. PostgreSQL refused a grant: permission denied for table legacy.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(getGrants.mock.calls.length).toBeGreaterThan(calls),
    );
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
