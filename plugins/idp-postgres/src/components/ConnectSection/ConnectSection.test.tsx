import { NotAllowedError } from '@backstage/errors';
import { knownError } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IdpPostgresApi, idpPostgresApiRef } from '../../api';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { ref } from '../../__testUtils__/fixtures';
import { ConnectSection } from './ConnectSection';

function render(api: IdpPostgresApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[idpPostgresApiRef, api]]}>
      <ConnectSection dbRef={ref} />
    </TestApiProvider>,
  );
}

function snippet(label: string) {
  return screen.getByLabelText(label, { selector: 'pre' });
}

async function openTab(name: string) {
  await userEvent.click(await screen.findByRole('tab', { name }));
}

describe('ConnectSection', () => {
  it('shows the names for the chosen role and switches role', async () => {
    await render(fakeApi());
    await openTab('From your machine');
    const settings = await screen.findByRole('table', {
      name: 'Local connection settings',
    });
    expect(
      within(settings).getByRole('row', {
        name: /^Username idp-dev-orders-write/,
      }),
    ).toBeInTheDocument();
    expect(snippet('Helm env block for the write role')).toHaveTextContent(
      'name: idp-dev-orders-write',
    );
    await userEvent.click(screen.getByRole('radio', { name: /^read/ }));
    expect(snippet('Helm env block for the read role')).toHaveTextContent(
      'name: idp-dev-orders-read',
    );
    expect(
      within(settings).getByRole('row', {
        name: /^Username idp-dev-orders-read/,
      }),
    ).toBeInTheDocument();
    expect(snippet('psql connection string in the cluster')).toHaveTextContent(
      'user=idp-dev-orders-read sslmode=require',
    );
  });

  it('copies a snippet to the clipboard', async () => {
    const user = userEvent.setup();
    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await render(fakeApi());
    await user.click(
      await screen.findByRole('tab', { name: 'From your machine' }),
    );
    await user.click(
      await screen.findByRole('button', { name: 'Copy Port-forward command' }),
    );
    expect(writeText).toHaveBeenLastCalledWith(
      'kubectl port-forward -n rds-proxy svc/rds-proxy-idp-rds-proxy 5432:5432',
    );
    expect(screen.getByText('Port-forward command copied')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Helm values' }));
    await user.click(
      screen.getByRole('button', {
        name: 'Copy Helm env block for the write role',
      }),
    );
    expect(writeText).toHaveBeenLastCalledWith(
      expect.stringMatching(
        /^env:\n {2}- name: DB_NAME\n {4}value: idp-dev-orders/,
      ),
    );
  });

  it('puts the node-postgres pitfall next to its connection string, once', async () => {
    await render(fakeApi());
    await openTab('Connection strings');
    const nodeString = await screen.findByLabelText(
      'node-postgres (Node.js) connection string in the cluster',
      { selector: 'pre' },
    );
    expect(nodeString).toBeVisible();
    expect(nodeString).toHaveTextContent('sslmode=no-verify');
    // The panel is the catalogue's entry, shown by the in-cluster string only.
    const pitfall = knownError('node-postgres-sslmode-require-verifies');
    expect(screen.getAllByText(`Warning: ${pitfall.title}`)).toHaveLength(1);
    expect(
      screen.getAllByText(/node-postgres 8 reads it as verify-full/),
    ).toHaveLength(1);
    expect(
      screen.getByLabelText(`Fix command 2 for “${pitfall.title}”`, {
        selector: 'pre',
      }),
    ).toHaveTextContent("ssl: { ca: fs.readFileSync('global-bundle.pem'");
    // Another client's string replaces it, and the pitfall goes with it.
    await userEvent.click(screen.getAllByRole('radio', { name: 'psql' })[0]);
    expect(nodeString).not.toBeVisible();
    expect(snippet('psql connection string in the cluster')).toBeVisible();
    expect(screen.getByText(`Warning: ${pitfall.title}`)).not.toBeVisible();

    await openTab('SSL');
    expect(
      screen.getByText(/encrypts the traffic but does not check who answers/),
    ).toBeVisible();
    expect(
      snippet('Dockerfile lines adding the RDS CA bundle'),
    ).toHaveTextContent('global-bundle.pem');
  });

  it('says where host and port come from, and names the chosen role’s secret in every hint', async () => {
    await render(fakeApi());
    expect(
      await screen.findByText(
        'Host and port as Kubernetes secret idp-dev/idp-dev-orders-write holds them, which DB_HOST and DB_PORT read.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /The password stays in the Kubernetes secret idp-dev-orders-write;/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: /^read/ }));
    expect(
      screen.getByText(
        'Host and port as Kubernetes secret idp-dev/idp-dev-orders-read holds them, which DB_HOST and DB_PORT read.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /The password stays in the Kubernetes secret idp-dev-orders-read;/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /which the Helm env block takes from idp-dev-orders-read\./,
      ),
    ).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/idp-dev-orders-write/);
  });

  it('warns when host and port come from config, not from the role’s secret', async () => {
    const connection = await fakeApi().getConnection(ref);
    connection.roles[1].endpointSource = {
      from: 'config',
      secretName: 'idp-dev/idp-dev-orders-write',
      note: 'Host and port from the platform’s config: Kubernetes secret idp-dev/idp-dev-orders-write could not be read.',
    };
    await render(fakeApi({ getConnection: async () => connection }));
    const note = await screen.findByText(/from the platform’s config/);
    expect(
      note.parentElement?.querySelector('[data-state="warning"]'),
    ).not.toBeNull();
  });

  it('gives local access: port-forward, tool settings and where the password is', async () => {
    await render(fakeApi());
    await openTab('From your machine');
    const settings = await screen.findByRole('table', {
      name: 'Local connection settings',
    });
    expect(
      within(settings).getByRole('row', { name: /^Host localhost/ }),
    ).toBeInTheDocument();
    expect(
      within(settings).getByRole('row', { name: /^Database idp-dev-orders/ }),
    ).toBeInTheDocument();
    // The hint names the selected role's own secrets.
    expect(
      within(settings).getByRole('row', { name: /^Password/ }),
    ).toHaveTextContent(
      'The password key of customer/idp-dev/idp-dev-orders-write in AWS Secrets Manager, or of the Kubernetes secret idp-dev-orders-write.',
    );
    await userEvent.click(screen.getByRole('radio', { name: /^read/ }));
    expect(
      within(settings).getByRole('row', { name: /^Password/ }),
    ).toHaveTextContent('customer/idp-dev/idp-dev-orders-read');
    // From a laptop, psql is the client shown first.
    expect(
      snippet('psql connection string through the port-forward'),
    ).toBeVisible();
    expect(
      snippet('psql connection string through the port-forward'),
    ).toHaveTextContent('host=localhost');
    expect(screen.getByRole('link', { name: /^pgAdmin/ })).toHaveAttribute(
      'href',
      'https://pgadmin.example.test',
    );
    expect(
      screen.getByRole('link', { name: /^Slack channel/ }),
    ).toBeInTheDocument();
  });

  it('asks only for the connection details, which hold no password', async () => {
    const getConnection = jest.fn(fakeApi().getConnection);
    await render(fakeApi({ getConnection }));
    await screen.findByText('Connection strings from an app in the cluster');
    expect(getConnection).toHaveBeenCalledWith(ref);
    expect(document.body.textContent).not.toMatch(
      /password\s*[:=]\s*(?!\$\{DB_PASSWORD\})\w/i,
    );
  });

  it('shows the error when the details cannot be fetched', async () => {
    await render(
      fakeApi({
        getConnection: async () => {
          throw new NotAllowedError('Not allowed to read idp-dev/orders');
        },
      }),
    );
    expect(
      await screen.findByText(/Could not get the connection details/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Not allowed to read idp-dev\/orders/).length,
    ).toBeGreaterThan(0);
  });
});
