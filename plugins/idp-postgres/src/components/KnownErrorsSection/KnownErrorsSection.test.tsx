import { ServiceUnavailableError } from '@backstage/errors';
import {
  KNOWN_ERRORS,
  knownError,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  healthyStatus,
  statusWithEveryKnownError,
} from '../../__testUtils__/fixtures';
import { KnownErrorsSection } from './KnownErrorsSection';

describe('KnownErrorsSection', () => {
  it.each(KNOWN_ERRORS.map(e => [e.id, e] as const))(
    'shows detected %s with what was seen, its cause and its fix',
    async (id, entry) => {
      await renderInTestApp(
        <KnownErrorsSection
          status={{ loading: false, value: statusWithEveryKnownError() }}
        />,
      );
      const article = screen.getByRole('article', { name: entry.title });
      expect(article).toHaveTextContent(`Seen on idp-dev-orders (${id}).`);
      expect(article).toHaveTextContent(entry.cause);
      for (const step of entry.fix.steps) {
        expect(within(article).getByText(step)).toBeInTheDocument();
      }
      for (const [index, command] of (entry.fix.commands ?? []).entries()) {
        expect(
          within(article).getByLabelText(
            `Fix command ${index + 1} for “${entry.title}”`,
            { selector: 'pre' },
          ),
        ).toHaveTextContent(command);
      }
    },
  );

  it('says when nothing was detected', async () => {
    await renderInTestApp(
      <KnownErrorsSection
        status={{ loading: false, value: healthyStatus() }}
      />,
    );
    expect(
      screen.getByText('None of the known errors was detected.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });

  it('keeps the catalogue usable when the status failed', async () => {
    await renderInTestApp(
      <KnownErrorsSection
        status={{
          loading: false,
          error: new ServiceUnavailableError('Kubernetes is down'),
        }}
      />,
    );
    expect(
      screen.getByText(/Could not check for known errors/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(`${KNOWN_ERRORS.length} known errors`),
    ).toBeInTheDocument();
  });

  it('shows progress while the status loads', async () => {
    await renderInTestApp(<KnownErrorsSection status={{ loading: true }} />);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('finds the fix for a pasted error message', async () => {
    await renderInTestApp(
      <KnownErrorsSection
        status={{ loading: false, value: healthyStatus() }}
      />,
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search known errors' }),
      'FATAL: no pg_hba.conf entry for host "10.0.0.1", user "x", database "y", no encryption',
    );
    expect(
      screen.getByText(`1 of ${KNOWN_ERRORS.length} known errors match`),
    ).toBeInTheDocument();
    const title = 'The connection was refused because it was not encrypted';
    await userEvent.click(screen.getByRole('button', { name: title }));
    expect(
      await screen.findByText(/Set sslmode=require in the connection string/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Chart version below 0.5.0' }),
    ).not.toBeInTheDocument();
  });

  it('matches a pasted multi-line message with a host name and shows what matched', async () => {
    const user = userEvent.setup();
    await renderInTestApp(
      <KnownErrorsSection
        status={{ loading: false, value: healthyStatus() }}
      />,
    );
    await user.click(
      screen.getByRole('textbox', { name: 'Search known errors' }),
    );
    await user.paste(
      [
        'Traceback (most recent call last):',
        '  File "/app/db.py", line 12, in connect',
        'psycopg2.OperationalError: connection to server at',
        '"rds-proxy-idp-rds-proxy.rds-proxy.svc.cluster.local" (10.100.12.7), port 5432 failed: FATAL:  password',
        '    authentication failed for user "idp-dev-orders-write"',
      ].join('\n'),
    );
    expect(
      screen.getByText(`1 of ${KNOWN_ERRORS.length} known errors match`),
    ).toBeInTheDocument();
    const entry = knownError('secret-drift');
    await user.click(screen.getByRole('button', { name: entry.title }));
    expect(await screen.findByText(entry.fix.steps[1])).toBeInTheDocument();
    expect(screen.getByText('Matched:')).toBeInTheDocument();
    expect(
      screen.getByText('password authentication failed for user', {
        selector: 'code',
      }),
    ).toBeInTheDocument();
  });

  it('lists the entries a pasted message fits best first', async () => {
    await renderInTestApp(<KnownErrorsSection status={{ loading: false }} />);
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search known errors' }),
      'Warning  Failed  12s  kubelet  Error: secret "idp-dev-orders-admin" not found',
    );
    expect(
      screen.getByText(`1 of ${KNOWN_ERRORS.length} known errors match`),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: knownError('kubernetes-secrets-missing').title,
      }),
    ).toBeInTheDocument();
  });
});
