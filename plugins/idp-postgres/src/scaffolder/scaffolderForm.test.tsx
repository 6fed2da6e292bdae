import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { idpPostgresApiRef } from '../api';
import { fakeApi } from '../__testUtils__/fakeApi';
import { DatabaseNameField } from './DatabaseNameField/DatabaseNameField';
import { validateDatabaseName } from './DatabaseNameField/validation';
import { DeletionProtectionField } from './DeletionProtectionField/DeletionProtectionField';
import { validateDeletionProtection } from './DeletionProtectionField/validation';

// The fields inside the scaffolder's own form, as a template step uses them:
// what reaches them (formContext, errors) and what stops the step is the
// scaffolder's doing, so it is exercised here rather than assumed.
const manifest = {
  title: 'Create PostgreSQL database',
  steps: [
    {
      title: 'Database',
      schema: {
        type: 'object',
        required: ['database'],
        properties: {
          database: {
            title: 'Database',
            type: 'object',
            'ui:field': 'IdpPostgresDatabaseName',
            required: ['namespace', 'name'],
            properties: {
              namespace: { title: 'Namespace', type: 'string' },
              name: { title: 'Database name', type: 'string' },
            },
          },
          deletionProtection: {
            title: 'Deletion protection',
            type: 'boolean',
            'ui:field': 'IdpPostgresDeletionProtection',
          },
        },
      },
    },
  ],
};

const extensions = [
  {
    name: 'IdpPostgresDatabaseName',
    component: DatabaseNameField,
    validation: validateDatabaseName,
  },
  {
    name: 'IdpPostgresDeletionProtection',
    component: DeletionProtectionField,
    validation: validateDeletionProtection,
  },
];

async function renderForm() {
  const api = fakeApi({
    checkNewDatabase: async ref => ({
      ...(await fakeApi().checkNewDatabase(ref)),
      ...(ref.name === 'taken'
        ? {
            allowed: false,
            problems: [
              {
                code: 'already-defined' as const,
                field: 'name' as const,
                message: `${ref.namespace}/taken is already defined in the apps repo.`,
              },
            ],
          }
        : {}),
    }),
  });
  await renderInTestApp(
    <TestApiProvider apis={[[idpPostgresApiRef, api]]}>
      <Stepper
        manifest={manifest}
        extensions={extensions}
        onCreate={jest.fn()}
      />
    </TestApiProvider>,
  );
}

async function fillIn(namespace: string, name: string) {
  await userEvent.type(
    await screen.findByRole('textbox', { name: /Namespace/ }),
    namespace,
  );
  await userEvent.type(
    screen.getByRole('textbox', { name: /Database name/ }),
    name,
  );
}

describe('the fields in the scaffolder form', () => {
  // The Stepper scrolls to the top on each step; jsdom has no scrolling.
  beforeEach(() => {
    jest.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });
  afterEach(() => jest.restoreAllMocks());

  it('stops the step on a name the backend refuses', async () => {
    await renderForm();
    await fillIn('shop-dev', 'taken');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findAllByText(
        /shop-dev\/taken is already defined in the apps repo\./,
      ),
    ).not.toHaveLength(0);
    expect(
      screen.queryByRole('button', { name: 'Create' }),
    ).not.toBeInTheDocument();
  });

  it('shows the production note from the form data and stops an unprotected production database', async () => {
    await renderForm();
    await fillIn('shop-prod', 'billing');
    const box = screen.getByRole('checkbox', { name: 'Deletion protection' });
    expect(box).toHaveAccessibleDescription(/must have deletion protection/);

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findAllByText(
        /Databases in production namespaces \(shop-prod\) must have deletion protection/,
      ),
    ).not.toHaveLength(0);
    expect(
      screen.queryByRole('button', { name: 'Create' }),
    ).not.toBeInTheDocument();

    await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findByRole('button', { name: 'Create' }),
    ).toBeInTheDocument();
  });
});
