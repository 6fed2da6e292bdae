import { NotAllowedError } from '@backstage/errors';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { IdpPostgresApi, idpPostgresApiRef } from '../../api';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { restorePlan } from '../../__testUtils__/fixtures';
import { permissionApi } from '../../__testUtils__/permissionApi';
import { RestoreSection } from './RestoreSection';

// usePermission caches per request module-wide: each decision gets its own database.
const allowedRef = { namespace: 'idp-dev', name: 'orders' };
const deniedRef = { namespace: 'idp-dev', name: 'locked' };

function render(api: IdpPostgresApi, dbRef: DatabaseRef = allowedRef) {
  const decision = dbRef === deniedRef ? 'deny' : 'allow';
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [idpPostgresApiRef, api],
        [permissionApiRef, permissionApi(decision)],
      ]}
    >
      <RestoreSection dbRef={dbRef} />
    </TestApiProvider>,
  );
}

async function planButton() {
  const button = await screen.findByRole('button', {
    name: 'Plan restore (dry run)',
  });
  await waitFor(() => expect(button).toBeEnabled());
  return button;
}

describe('RestoreSection', () => {
  it('plans, confirms naming what will be created, and shows per-secret results', async () => {
    const planRestore = jest.fn(fakeApi().planRestore);
    const restoreSecrets = jest.fn(async () => ({
      ...restorePlan(),
      dryRun: false,
      items: restorePlan().items.map(i => ({
        ...i,
        outcome:
          i.action === 'create' ? ('done' as const) : ('skipped' as const),
      })),
    }));
    await render(fakeApi({ planRestore, restoreSecrets }));
    await userEvent.click(await planButton());

    const plan = await screen.findByRole('table', { name: 'Restore plan' });
    expect(
      within(plan).getByRole('row', {
        name: /^write .* Create The Kubernetes secret is missing/,
      }),
    ).toBeInTheDocument();
    expect(
      within(plan).getByRole('row', { name: /^read .* Skip: differs/ }),
    ).toBeInTheDocument();
    expect(planRestore).toHaveBeenCalledWith(allowedRef, { force: false });
    expect(restoreSecrets).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Restore 1 secret' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Restore secrets of idp-dev/orders?',
    });
    expect(dialog).toHaveTextContent(
      'create Kubernetes secret idp-dev-orders-write from customer/idp-dev/idp-dev-orders-write',
    );
    expect(dialog).not.toHaveTextContent('idp-dev-orders-read');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Restore' }),
    );

    const results = await screen.findByRole('table', {
      name: 'Restore results',
    });
    expect(
      within(results).getByRole('row', { name: /^write .* Done \(Create\)/ }),
    ).toBeInTheDocument();
    expect(
      within(results).getByRole('row', { name: /^admin .* Skipped/ }),
    ).toBeInTheDocument();
    expect(restoreSecrets).toHaveBeenCalledWith(allowedRef, { force: false });
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
    await screen.findByRole('table', { name: 'Restore plan' });
    expect(planRestore).toHaveBeenCalledWith(allowedRef, { force: true });
  });

  it('shows a failed secret with its error', async () => {
    await render(
      fakeApi({
        restoreSecrets: async () => ({
          ...restorePlan(),
          dryRun: false,
          items: [
            {
              ...restorePlan().items[1],
              outcome: 'failed' as const,
              error: 'Kubernetes refused: secrets is forbidden',
            },
          ],
        }),
      }),
    );
    await userEvent.click(await planButton());
    await userEvent.click(
      await screen.findByRole('button', { name: 'Restore 1 secret' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Restore' }));
    const results = await screen.findByRole('table', {
      name: 'Restore results',
    });
    expect(
      within(results).getByRole('row', {
        name: /Failed .* secrets is forbidden/,
      }),
    ).toBeInTheDocument();
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
      await screen.findByText(/Could not plan the restore/),
    ).toBeInTheDocument();
  });

  it('is disabled with the reason when not permitted', async () => {
    await render(fakeApi(), deniedRef);
    expect(
      await screen.findByText(
        /You may not restore secrets: it needs the idp-postgres.secrets.restore permission/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Plan restore (dry run)' }),
    ).toBeDisabled();
    expect(screen.getByRole('checkbox')).toBeDisabled();
  });
});
