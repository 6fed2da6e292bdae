import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { ref, restorePlan } from '../../__testUtils__/fixtures';
import {
  UI_TIMEOUT_MS,
  findEnabledButton,
  renderSection,
} from '../../__testUtils__/renderSection';
import { RestoreSection } from './RestoreSection';

describe('RestoreSection roles', () => {
  it('has a labelled checkbox per role, all checked, and restores only the chosen ones', async () => {
    const planRestore = jest.fn(fakeApi().planRestore);
    const restoreSecrets = jest.fn(async () => ({
      ...restorePlan(),
      dryRun: false,
      outcome: 'complete' as const,
      items: [],
    }));
    await renderSection(<RestoreSection dbRef={ref} />, {
      api: fakeApi({ planRestore, restoreSecrets }),
    });
    const plan = await findEnabledButton('Plan restore (dry run)');
    const roles = screen.getByRole('group', { name: 'Roles to restore' });
    const boxes = within(roles).getAllByRole('checkbox');
    expect(boxes.map(b => b.closest('label')?.textContent)).toEqual([
      'admin',
      'write',
      'read',
    ]);
    for (const box of boxes) expect(box).toBeChecked();

    await userEvent.click(
      within(roles).getByRole('checkbox', { name: 'admin' }),
    );
    await userEvent.click(plan);
    expect(planRestore).toHaveBeenCalledWith(ref, {
      force: false,
      roles: ['write', 'read'],
      restoreScheduledSecrets: false,
    });
    await userEvent.click(await findEnabledButton('Restore 1 secret'));
    await userEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await screen.findByRole(
      'table',
      { name: 'Restore results' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(restoreSecrets).toHaveBeenCalledWith(ref, {
      force: false,
      roles: ['write', 'read'],
      restoreScheduledSecrets: false,
    });
  });

  it('keeps the common role order whatever order they are ticked in', async () => {
    const planRestore = jest.fn(fakeApi().planRestore);
    await renderSection(<RestoreSection dbRef={ref} />, {
      api: fakeApi({ planRestore }),
    });
    const plan = await findEnabledButton('Plan restore (dry run)');
    for (const role of ['read', 'admin', 'admin']) {
      await userEvent.click(screen.getByRole('checkbox', { name: role }));
    }
    await userEvent.click(plan);
    await screen.findByRole(
      'table',
      { name: 'Restore plan' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(planRestore).toHaveBeenCalledWith(ref, {
      force: false,
      roles: ['admin', 'write'],
      restoreScheduledSecrets: false,
    });
  });

  it('cannot plan without a role, and says why', async () => {
    const planRestore = jest.fn(fakeApi().planRestore);
    await renderSection(<RestoreSection dbRef={ref} />, {
      api: fakeApi({ planRestore }),
    });
    const plan = await findEnabledButton('Plan restore (dry run)');
    for (const role of ['admin', 'write', 'read']) {
      await userEvent.click(screen.getByRole('checkbox', { name: role }));
    }
    expect(plan).toBeDisabled();
    expect(
      screen.getByText('Choose at least one role to restore.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'write' }));
    expect(plan).toBeEnabled();
    expect(planRestore).not.toHaveBeenCalled();
  });
});
