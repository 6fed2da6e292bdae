import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OwnershipFinding } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { grantReport, ref } from '../../__testUtils__/fixtures';
import {
  UI_TIMEOUT_MS,
  findEnabledButton,
  renderSection,
} from '../../__testUtils__/renderSection';
import { GrantsSection } from './GrantsSection';

const legacy: OwnershipFinding = {
  kind: 'table',
  object: 'public.legacy',
  owner: 'migrator',
  fixSql: 'ALTER TABLE public.legacy OWNER TO "idp-dev-orders-admin";',
};
const legacyIds: OwnershipFinding = {
  kind: 'sequence',
  object: 'public.legacy_id_seq',
  owner: 'postgres',
  fixSql:
    'ALTER SEQUENCE public.legacy_id_seq OWNER TO "idp-dev-orders-admin";',
};

async function findOwnershipTable() {
  return screen.findByRole(
    'table',
    { name: 'Objects the admin role does not own' },
    { timeout: UI_TIMEOUT_MS },
  );
}

describe('GrantsSection: objects the admin role does not own', () => {
  it('lists each with its owner and the statement to copy, and who must run it', async () => {
    const writeText = jest.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    await renderSection(<GrantsSection dbRef={ref} />, {
      api: fakeApi({
        getGrants: async () =>
          grantReport({ notOwnedByAdmin: [legacy, legacyIds] }),
      }),
    });
    const table = await findOwnershipTable();
    expect(
      within(table).getByRole('row', {
        name: 'table public.legacy migrator ALTER TABLE public.legacy OWNER TO "idp-dev-orders-admin";',
      }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('row', {
        name: /^sequence public.legacy_id_seq postgres ALTER SEQUENCE/,
      }),
    ).toBeInTheDocument();

    const section = screen.getByRole('region', {
      name: 'Objects the admin role does not own',
    });
    expect(section).toHaveTextContent(
      /the manual’s GRANT statements, and the SQL below, fail or only warn “no privileges were granted” when run as idp-dev-orders-admin/,
    );
    expect(section).toHaveTextContent(
      /must be run by the object’s current owner .* not by idp-dev-orders-admin/,
    );

    await userEvent.click(
      within(table).getByRole('button', {
        name: 'Copy ownership statement for table public.legacy',
      }),
    );
    expect(writeText).toHaveBeenCalledWith(legacy.fixSql);
  });

  it('says in the Apply confirmation that the grants do nothing on them', async () => {
    await renderSection(<GrantsSection dbRef={ref} />, {
      api: fakeApi({
        getGrants: async () => grantReport({ notOwnedByAdmin: [legacy] }),
      }),
    });
    await userEvent.click(await findEnabledButton('Apply grants'));
    expect(screen.getByRole('dialog')).toHaveTextContent(
      'They grant nothing on the 1 object idp-dev-orders-admin does not own; see it in the Grants section.',
    );
  });

  it('shows nothing about ownership when the admin role owns everything', async () => {
    await renderSection(<GrantsSection dbRef={ref} />, {
      api: fakeApi({
        getGrants: async () => grantReport({ notOwnedByAdmin: [] }),
      }),
    });
    await screen.findByRole(
      'table',
      { name: 'Privileges of the write role' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(
      screen.queryByText('Objects the admin role does not own'),
    ).not.toBeInTheDocument();
  });
});
