import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RestoreOptions } from '../../api';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  ref,
  restorePlan,
  scheduledRestorePlan,
} from '../../__testUtils__/fixtures';
import {
  UI_TIMEOUT_MS,
  findEnabledButton,
  renderSection,
} from '../../__testUtils__/renderSection';
import { RestoreSection } from './RestoreSection';

const SCHEDULED_OPTION =
  'Also restore secrets scheduled for deletion (cancels the deletion in Secrets Manager)';
const allRoles = ['admin', 'write', 'read'];

/** A backend whose read secret is scheduled for deletion, writing `target`. */
function scheduledApi(target?: 'secret' | 'external-secret') {
  const planRestore = jest.fn(async (_: unknown, options?: RestoreOptions) => {
    const plan = scheduledRestorePlan({
      restoreScheduledSecrets: options?.restoreScheduledSecrets,
      target,
    });
    const roles = options?.roles ?? allRoles;
    return { ...plan, items: plan.items.filter(i => roles.includes(i.role)) };
  });
  const restoreSecrets = jest.fn(async () => {
    const plan = scheduledRestorePlan({
      restoreScheduledSecrets: true,
      target,
    });
    return {
      ...plan,
      dryRun: false,
      outcome: 'complete' as const,
      items: plan.items.map(i => ({
        ...i,
        outcome:
          i.action === 'create' ? ('done' as const) : ('skipped' as const),
      })),
    };
  });
  return {
    api: fakeApi({ planRestore, restoreSecrets }),
    planRestore,
    restoreSecrets,
  };
}

async function planAndFind(name: 'Restore plan' | 'Restore results') {
  return screen.findByRole('table', { name }, { timeout: UI_TIMEOUT_MS });
}

describe('RestoreSection with secrets scheduled for deletion', () => {
  it('offers to cancel the deletion once a plan skips such a secret, and restores with it', async () => {
    const { api, planRestore, restoreSecrets } =
      scheduledApi('external-secret');
    await renderSection(<RestoreSection dbRef={ref} />, { api });
    const plan = await findEnabledButton('Plan restore (dry run)');
    // Nobody is offered to cancel a deletion before a plan met one.
    expect(
      screen.queryByRole('checkbox', { name: SCHEDULED_OPTION }),
    ).not.toBeInTheDocument();

    await userEvent.click(plan);
    const skipped = await planAndFind('Restore plan');
    expect(
      within(skipped).getByRole('row', {
        name: /^read .* Skip: scheduled for deletion Nothing/,
      }),
    ).toBeInTheDocument();
    const option = screen.getByRole('checkbox', { name: SCHEDULED_OPTION });
    expect(option).not.toBeChecked();
    expect(option).toHaveAccessibleDescription(
      /first cancels the deletion \(RestoreSecret\)/,
    );

    // Keyboard: from the Plan button, the option is one Shift+Tab back.
    await userEvent.tab({ shift: true });
    expect(option).toHaveFocus();
    await userEvent.keyboard(' ');
    expect(option).toBeChecked();
    expect(
      screen.getByText(/The options changed since this plan/),
    ).toBeVisible();

    await userEvent.click(plan);
    expect(planRestore).toHaveBeenLastCalledWith(ref, {
      force: false,
      roles: allRoles,
      restoreScheduledSecrets: true,
    });
    const cancelling = await findEnabledButton('Restore 2 secrets');
    const table = screen.getByRole('table', { name: 'Restore plan' });
    expect(
      within(table).getByRole('row', {
        name: /^read .* Cancel deletion in Secrets Manager, then: Create ExternalSecret/,
      }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('row', { name: /^write .* Create Secret/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/a restore writes an ExternalSecret/),
    ).toBeInTheDocument();

    await userEvent.click(cancelling);
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(
      'cancel the scheduled deletion of Secrets Manager secret customer/idp-dev/idp-dev-orders-read, then create ExternalSecret idp-dev-orders-read, from which the External Secrets Operator makes Secret idp-dev-orders-read from it',
    );
    expect(dialog).toHaveTextContent(
      'create Secret idp-dev-orders-write from customer/idp-dev/idp-dev-orders-write',
    );
    expect(dialog).toHaveTextContent(/keeps the Secrets Manager secret/);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Restore' }),
    );

    const results = await planAndFind('Restore results');
    expect(
      within(results).getByRole('row', {
        name: /^read .* Deletion in Secrets Manager cancelled, then: Done \(Create\) ExternalSecret/,
      }),
    ).toBeInTheDocument();
    expect(restoreSecrets).toHaveBeenCalledWith(ref, {
      force: false,
      roles: allRoles,
      restoreScheduledSecrets: true,
    });
  });

  it('counts a cancelled deletion whose Kubernetes secret is left alone, and says so', async () => {
    const [admin, write, read] = restorePlan().items;
    const planRestore = async (_: unknown, options?: RestoreOptions) => ({
      ...ref,
      items: [
        { ...admin, action: 'skip-in-sync' as const },
        { ...write, action: 'skip-in-sync' as const },
        options?.restoreScheduledSecrets
          ? {
              ...read,
              action: 'skip-differs' as const,
              secretsManagerStep: 'cancel-deletion' as const,
            }
          : { ...read, action: 'skip-scheduled-for-deletion' as const },
      ],
    });
    await renderSection(<RestoreSection dbRef={ref} />, {
      api: fakeApi({ planRestore }),
    });
    const plan = await findEnabledButton('Plan restore (dry run)');
    await userEvent.click(plan);
    expect(
      await screen.findByText(
        'Nothing to restore: no secret would be written.',
        {},
        { timeout: UI_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: SCHEDULED_OPTION }),
    );
    await userEvent.click(plan);
    await userEvent.click(await findEnabledButton('Restore 1 secret'));
    expect(screen.getByRole('dialog')).toHaveTextContent(
      'cancel the scheduled deletion of Secrets Manager secret customer/idp-dev/idp-dev-orders-read; Kubernetes secret idp-dev-orders-read exists and is left alone',
    );
  });

  it('keeps offering the option when a plan for other roles has nothing scheduled', async () => {
    const { api, planRestore } = scheduledApi();
    await renderSection(<RestoreSection dbRef={ref} />, { api });
    const plan = await findEnabledButton('Plan restore (dry run)');
    await userEvent.click(plan);
    await screen.findByRole(
      'checkbox',
      { name: SCHEDULED_OPTION },
      { timeout: UI_TIMEOUT_MS },
    );
    await userEvent.click(screen.getByRole('checkbox', { name: 'read' }));
    await userEvent.click(plan);
    expect(planRestore).toHaveBeenLastCalledWith(ref, {
      force: false,
      roles: ['admin', 'write'],
      restoreScheduledSecrets: false,
    });
    await findEnabledButton('Restore 1 secret');
    expect(
      screen.getByRole('checkbox', { name: SCHEDULED_OPTION }),
    ).not.toBeChecked();
  });
});
