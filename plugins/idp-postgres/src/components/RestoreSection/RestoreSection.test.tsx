import {
  NotAllowedError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  DatabaseRef,
  RestoreResult,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { IdpPostgresApi } from '../../api';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { restorePlan } from '../../__testUtils__/fixtures';
import {
  UI_TIMEOUT_MS,
  findEnabledButton,
  renderSection,
} from '../../__testUtils__/renderSection';
import { RestoreSection } from './RestoreSection';

// usePermission caches per request module-wide: each decision gets its own database.
const allowedRef = { namespace: 'idp-dev', name: 'orders' };
const deniedRef = { namespace: 'idp-dev', name: 'locked' };
const allRoles = ['admin', 'write', 'read'];

function render(api: IdpPostgresApi, dbRef: DatabaseRef = allowedRef) {
  return renderSection(<RestoreSection dbRef={dbRef} />, {
    api,
    decision: dbRef === deniedRef ? 'deny' : 'allow',
  });
}

const planButton = () => findEnabledButton('Plan restore (dry run)');

/** The error the client rejects with when the backend answers a restore with 502. */
function incompleteRestoreError(message: string, result: RestoreResult) {
  const body = JSON.stringify({
    error: { name: 'RestoreIncompleteError', message, result },
    request: { method: 'POST', url: '/databases/idp-dev/orders/restore' },
    response: { statusCode: 502 },
  });
  // The parts of a fetch Response that ResponseError reads.
  const response = {
    status: 502,
    statusText: 'Bad Gateway',
    headers: new Headers({ 'Content-Type': 'application/json' }),
    text: async () => body,
  };
  return ResponseError.fromResponse(response as unknown as Response);
}

describe('RestoreSection', () => {
  it('plans, confirms naming what will be created, and shows per-secret results', async () => {
    const planRestore = jest.fn(fakeApi().planRestore);
    const restoreSecrets = jest.fn(async () => ({
      ...restorePlan(),
      dryRun: false,
      outcome: 'complete' as const,
      items: restorePlan().items.map(i => ({
        ...i,
        outcome:
          i.action === 'create' ? ('done' as const) : ('skipped' as const),
      })),
    }));
    await render(fakeApi({ planRestore, restoreSecrets }));
    await userEvent.click(await planButton());

    const plan = await screen.findByRole(
      'table',
      { name: 'Restore plan' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(
      within(plan).getByRole('row', {
        name: /^write .* Create Secret The Kubernetes secret is missing/,
      }),
    ).toBeInTheDocument();
    expect(
      within(plan).getByRole('row', {
        name: /^read .* Skip: differs \(needs overwrite\) Nothing/,
      }),
    ).toBeInTheDocument();
    expect(planRestore).toHaveBeenCalledWith(allowedRef, {
      force: false,
      roles: allRoles,
      restoreScheduledSecrets: false,
    });
    // Nothing was scheduled for deletion, so nothing offers to cancel one.
    expect(
      screen.queryByRole('checkbox', { name: /scheduled for deletion/ }),
    ).not.toBeInTheDocument();
    expect(restoreSecrets).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Restore 1 secret' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Restore secrets of idp-dev/orders?',
    });
    expect(dialog).toHaveTextContent(
      'create Secret idp-dev-orders-write from customer/idp-dev/idp-dev-orders-write',
    );
    expect(dialog).not.toHaveTextContent('idp-dev-orders-read');
    expect(dialog).not.toHaveTextContent(/deletion/);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Restore' }),
    );

    const results = await screen.findByRole(
      'table',
      { name: 'Restore results' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(
      within(results).getByRole('row', { name: /^write .* Done \(Create\)/ }),
    ).toBeInTheDocument();
    expect(
      within(results).getByRole('row', { name: /^admin .* Skipped/ }),
    ).toBeInTheDocument();
    expect(restoreSecrets).toHaveBeenCalledWith(allowedRef, {
      force: false,
      roles: allRoles,
      restoreScheduledSecrets: false,
    });
  });

  it('passes force when overwriting is chosen', async () => {
    const planRestore = jest.fn(fakeApi().planRestore);
    await render(fakeApi({ planRestore }));
    const button = await planButton();
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Overwrite Kubernetes secrets that differ from Secrets Manager',
      }),
    );
    await userEvent.click(button);
    await screen.findByRole(
      'table',
      { name: 'Restore plan' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(planRestore).toHaveBeenCalledWith(allowedRef, {
      force: true,
      roles: allRoles,
      restoreScheduledSecrets: false,
    });
  });

  it('asks for a new plan when an option changes after planning', async () => {
    const restoreSecrets = jest.fn(fakeApi().restoreSecrets);
    await render(fakeApi({ restoreSecrets }));
    await userEvent.click(await planButton());
    await findEnabledButton('Restore 1 secret');

    await userEvent.click(
      screen.getByRole('checkbox', { name: /^Overwrite Kubernetes secrets/ }),
    );
    expect(
      screen.getByText(
        'The options changed since this plan. Plan again to see what they do before restoring.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Restore \d/ }),
    ).not.toBeInTheDocument();
    expect(restoreSecrets).not.toHaveBeenCalled();

    // Back to the options the plan was made with: it applies again.
    await userEvent.click(
      screen.getByRole('checkbox', { name: /^Overwrite Kubernetes secrets/ }),
    );
    expect(
      screen.getByRole('button', { name: 'Restore 1 secret' }),
    ).toBeInTheDocument();
  });

  it('shows every secret and what failed when the backend answers 502', async () => {
    const plan = {
      ...restorePlan(),
      items: restorePlan().items.map(i => ({
        ...i,
        action: 'create' as const,
      })),
    };
    const refused =
      'Kubernetes API of cluster sandbox failed creating secret idp-dev/idp-dev-orders-read: HTTP 403 Forbidden';
    const message = `1 of 3 secrets could not be restored: read (${refused})`;
    const onChanged = jest.fn();
    await renderSection(
      <RestoreSection dbRef={allowedRef} onChanged={onChanged} />,
      {
        api: fakeApi({
          planRestore: async () => plan,
          restoreSecrets: async () => {
            throw await incompleteRestoreError(message, {
              ...plan,
              dryRun: false,
              outcome: 'partial',
              items: plan.items.map(i =>
                i.role === 'read'
                  ? { ...i, outcome: 'failed', error: refused }
                  : { ...i, outcome: 'done' },
              ),
            });
          },
        }),
      },
    );
    await userEvent.click(await planButton());
    await userEvent.click(await findEnabledButton('Restore 3 secrets'));
    await userEvent.click(screen.getByRole('button', { name: 'Restore' }));

    const alert = await screen.findByRole(
      'alert',
      {},
      { timeout: UI_TIMEOUT_MS },
    );
    expect(alert).toHaveTextContent('Error: Not every secret was restored');
    expect(alert).toHaveTextContent(message);
    const results = screen.getByRole('table', { name: 'Restore results' });
    expect(
      within(results).getByRole('row', { name: /^write .* Done \(Create\)/ }),
    ).toBeInTheDocument();
    expect(
      within(results).getByRole('row', {
        name: /^read .* Failed \(Create\) .* HTTP 403 Forbidden$/,
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Restore failed')).not.toBeInTheDocument();
    // The write secret was written, so the status is checked again.
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows any other failed restore as an error', async () => {
    await render(
      fakeApi({
        restoreSecrets: async () => {
          throw new ServiceUnavailableError('Secrets Manager did not answer');
        },
      }),
    );
    await userEvent.click(await planButton());
    await userEvent.click(await findEnabledButton('Restore 1 secret'));
    await userEvent.click(screen.getByRole('button', { name: 'Restore' }));
    expect(
      await screen.findByText(/Restore failed/, {}, { timeout: UI_TIMEOUT_MS }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Restore results' }),
    ).not.toBeInTheDocument();
  });

  it('says when nothing would be written', async () => {
    await render(
      fakeApi({
        planRestore: async () => ({
          ...restorePlan(),
          items: restorePlan().items.filter(i => i.action !== 'create'),
        }),
      }),
    );
    await userEvent.click(await planButton());
    expect(
      await screen.findByText(
        'Nothing to restore: no secret would be written.',
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Restore \d/ }),
    ).not.toBeInTheDocument();
  });

  it('shows a refused dry run', async () => {
    await render(
      fakeApi({
        planRestore: async () => {
          throw new NotAllowedError(
            'Not allowed to create idp-postgres.secrets.restore',
          );
        },
      }),
    );
    await userEvent.click(await planButton());
    expect(
      await screen.findByText(
        /Could not plan the restore/,
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
  });

  it('is disabled with the reason when not permitted', async () => {
    await render(fakeApi(), deniedRef);
    expect(
      await screen.findByText(
        /You may not restore secrets: it needs the idp-postgres.secrets.restore permission/,
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Plan restore (dry run)' }),
    ).toBeDisabled();
    const checkboxes = screen.getAllByRole('checkbox');
    expect(checkboxes).toHaveLength(4);
    for (const checkbox of checkboxes) expect(checkbox).toBeDisabled();
  });
});
