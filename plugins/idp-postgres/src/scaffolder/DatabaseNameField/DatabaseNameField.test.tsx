import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IdpPostgresApi } from '../../api';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { newDatabaseCheck } from '../../__testUtils__/fixtures';
import { renderField } from '../../__testUtils__/renderField';
import { DatabaseNameField } from './DatabaseNameField';
import type { DatabaseNameValue } from './schema';

const schema = {
  title: 'Database',
  description: 'Where the database lives and **what it is called**.',
  type: 'object' as const,
  properties: {
    namespace: { title: 'Namespace', type: 'string' as const },
    name: {
      title: 'Database name',
      type: 'string' as const,
      description: 'For example orders.',
    },
  },
};

function render(api: IdpPostgresApi, formData?: DatabaseNameValue) {
  return renderField(DatabaseNameField, { api, schema, formData });
}

const namespaceInput = () => screen.getByRole('textbox', { name: /Namespace/ });
const nameInput = () => screen.getByRole('textbox', { name: /Database name/ });

describe('IdpPostgresDatabaseName, new database', () => {
  it('shows the title, the description as markdown, and the derived names and bytes left as you type', async () => {
    const checkNewDatabase = jest.fn(fakeApi().checkNewDatabase);
    const { onChange } = await render(fakeApi({ checkNewDatabase }));
    expect(screen.getByRole('heading', { name: 'Database' })).toBeVisible();
    expect(screen.getByText('what it is called').tagName).toBe('STRONG');
    expect(nameInput()).toHaveAccessibleDescription('For example orders.');

    await userEvent.type(namespaceInput(), 'idp-dev');
    await userEvent.type(nameInput(), 'orders');

    expect(onChange).toHaveBeenLastCalledWith({
      namespace: 'idp-dev',
      name: 'orders',
    });
    expect(screen.getByText('idp-dev-orders')).toBeVisible();
    for (const role of ['admin', 'write', 'read']) {
      expect(screen.getByText(`idp-dev-orders-${role}`)).toBeVisible();
    }
    // "idp-dev-orders-admin" is 20 bytes.
    expect(
      screen.getByText('43 bytes left of 63 in the longest role name'),
    ).toBeVisible();
    expect(
      await screen.findByText('Checked: the name is free on the platform.'),
    ).toBeVisible();
    // The backend is asked once typing pauses, for what was typed last.
    expect(checkNewDatabase).toHaveBeenLastCalledWith({
      namespace: 'idp-dev',
      name: 'orders',
    });
  });

  it('shows an over-long name with negative bytes left and the refusal at the name, without asking the backend', async () => {
    const checkNewDatabase = jest.fn(fakeApi().checkNewDatabase);
    const name = 'a'.repeat(50);
    await render(fakeApi({ checkNewDatabase }), { namespace: 'idp-dev', name });

    expect(
      screen.getByText('-1 bytes left of 63 in the longest role name'),
    ).toBeVisible();
    expect(nameInput()).toHaveAccessibleDescription(
      expect.stringContaining(
        `Role name "idp-dev-${name}-admin" is 64 bytes, 1 over PostgreSQL's 63-byte limit`,
      ),
    );
    expect(nameInput()).toBeInvalid();
    expect(namespaceInput()).toBeValid();
    expect(checkNewDatabase).not.toHaveBeenCalled();
  });

  it('flags a broken naming rule once typing pauses, at the input that breaks it', async () => {
    await render(fakeApi());
    await userEvent.type(namespaceInput(), 'Idp_dev');
    expect(
      await screen.findByText(
        /Namespace "Idp_dev" contains an underscore; only lowercase letters/,
      ),
    ).toBeVisible();
    expect(namespaceInput()).toBeInvalid();
    // The empty name is not flagged while the form is being filled in.
    expect(nameInput()).toHaveAttribute('aria-invalid', 'false');
  });

  it("shows the backend's problems at the input they concern", async () => {
    const api = fakeApi({
      checkNewDatabase: async (ref: DatabaseRef) =>
        newDatabaseCheck(ref, {
          problems: [
            {
              code: 'already-defined',
              field: 'name',
              message: 'idp-dev/orders is already defined in idp-dev/orders.',
            },
            {
              code: 'name-collision',
              field: 'namespace',
              message:
                'idp/dev-orders derives the same database idp-dev-orders.',
            },
            {
              code: 'inventory-unavailable',
              message: 'The platform inventory has not been read yet.',
            },
          ],
        }),
    });
    await render(api, { namespace: 'idp-dev', name: 'orders' });

    await screen.findByText(/is already defined/);
    expect(nameInput()).toHaveAccessibleDescription(
      'idp-dev/orders is already defined in idp-dev/orders.',
    );
    expect(nameInput()).toBeInvalid();
    expect(namespaceInput()).toHaveAccessibleDescription(
      'idp/dev-orders derives the same database idp-dev-orders.',
    );
    expect(
      screen.getByText('The platform inventory has not been read yet.'),
    ).toBeVisible();
    expect(screen.queryByText(/the name is free/)).not.toBeInTheDocument();
  });

  it('notes a re-added database and a production namespace', async () => {
    const api = fakeApi({
      checkNewDatabase: async (ref: DatabaseRef) =>
        newDatabaseCheck(ref, {
          readd: { message: 'Deletion protection kept it after 2026-10-01.' },
        }),
    });
    await render(api, { namespace: 'shop-prod', name: 'billing' });
    expect(
      await screen.findByText(
        /This re-adds the existing database shop-prod-billing; its data is kept\. Deletion protection kept it/,
      ),
    ).toBeVisible();
    expect(
      screen.getByText(
        'Production namespace: deletion protection is required.',
      ),
    ).toBeVisible();
  });

  it('says the checks could not run when the backend cannot be reached', async () => {
    const api = fakeApi({
      checkNewDatabase: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await render(api, { namespace: 'idp-dev', name: 'orders' });
    expect(
      await screen.findByText(
        'The checks could not run (Failed to fetch). The template checks the name again when it runs.',
      ),
    ).toBeVisible();
  });

  it('shows a progress indicator while the backend checks', async () => {
    const api = fakeApi({ checkNewDatabase: () => new Promise(() => {}) });
    await render(api, { namespace: 'idp-dev', name: 'orders' });
    expect(
      await screen.findByRole('progressbar', { name: 'Checking the name' }),
    ).toBeVisible();
  });
});
