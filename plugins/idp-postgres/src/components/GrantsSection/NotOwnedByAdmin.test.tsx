import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OwnershipFinding } from '@jppol-idp/backstage-plugin-idp-postgres-common';
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

const legacy: OwnershipFinding = {
  kind: 'table',
  object: 'legacy',
  owner: 'migrator',
  fixSql: 'ALTER TABLE "public"."legacy" OWNER TO "idp-dev-orders-admin";',
};
const legacyIds: OwnershipFinding = {
  kind: 'sequence',
  object: 'legacy_ids',
  owner: 'postgres',
  fixSql:
    'ALTER SEQUENCE "public"."legacy_ids" OWNER TO "idp-dev-orders-admin";',
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
          grantReport({
            notOwnedByAdmin: notOwnedByAdmin([legacy, legacyIds]),
          }),
      }),
    });
    const table = await findOwnershipTable();
    expect(
      within(table).getByRole('row', {
        name: 'table legacy migrator ALTER TABLE "public"."legacy" OWNER TO "idp-dev-orders-admin";',
      }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('row', {
        name: /^sequence legacy_ids postgres ALTER SEQUENCE/,
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
        name: 'Copy ownership statement for table legacy',
      }),
    );
    expect(writeText).toHaveBeenCalledWith(legacy.fixSql);
  });

  it('counts them per owner, and gives the query that lists all when it shows only some', async () => {
    const writeText = jest.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    const listed = notOwnedByAdmin([legacy, legacyIds]);
    await renderSection(<GrantsSection dbRef={ref} />, {
      api: fakeApi({
        getGrants: async () =>
          grantReport({
            notOwnedByAdmin: {
              ...listed,
              count: 1250,
              ownerCount: 12,
              owners: [
                { ...listed.owners[0], count: 1200 },
                { ...listed.owners[1], count: 40 },
              ],
            },
          }),
      }),
    });
    await findOwnershipTable();
    const section = screen.getByRole('region', {
      name: 'Objects the admin role does not own',
    });
    expect(section).toHaveTextContent(
      '1,250 tables and sequences in schema public: migrator owns 1,200, postgres owns 40, and 10 more roles.',
    );
    expect(
      screen.getByLabelText(
        'Query that lists every object the admin role does not own',
        { selector: 'pre' },
      ),
    ).toHaveTextContent(listed.listSql);
    expect(section).toHaveTextContent(
      'The table shows 2 of 1,250; the query lists all of them with their statements.',
    );
    await userEvent.click(
      within(section).getByRole('button', {
        name: 'Copy Query that lists every object the admin role does not own',
      }),
    );
    expect(writeText).toHaveBeenCalledWith(listed.listSql);
  });

  it('says in the Apply confirmation that the grants leave them out', async () => {
    await renderSection(<GrantsSection dbRef={ref} />, {
      api: fakeApi({
        getGrants: async () =>
          grantReport({ notOwnedByAdmin: notOwnedByAdmin([legacy]) }),
      }),
    });
    await userEvent.click(await findEnabledButton('Apply grants'));
    expect(screen.getByRole('dialog')).toHaveTextContent(
      'The table and sequence grants run per object idp-dev-orders-admin owns, and leave out the 1 object it does not own; see it in the Grants section.',
    );
  });

  it('shows nothing about ownership when the admin role owns everything', async () => {
    await renderSection(<GrantsSection dbRef={ref} />, {
      api: fakeApi({
        getGrants: async () => grantReport(),
      }),
    });
    await screen.findByRole(
      'list',
      { name: 'Privileges of the write role' },
      { timeout: UI_TIMEOUT_MS },
    );
    expect(
      screen.queryByText('Objects the admin role does not own'),
    ).not.toBeInTheDocument();
  });
});
