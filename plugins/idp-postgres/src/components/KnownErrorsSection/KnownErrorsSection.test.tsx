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
  const sections = { grants: 'grants-anchor', restore: 'restore-anchor' };

  const renderEveryError = () =>
    renderInTestApp(
      <KnownErrorsSection
        status={{ loading: false, value: statusWithEveryKnownError() }}
        sections={sections}
      />,
    );

  it.each(KNOWN_ERRORS.map(e => [e.id, e] as const))(
    'shows detected %s with what was seen, its cause and its steps',
    async (id, entry) => {
      await renderEveryError();
      const article = screen.getByRole('article', { name: entry.title });
      expect(article).toHaveTextContent(`Seen on idp-dev-orders (${id}).`);
      expect(article).toHaveTextContent(entry.cause);
      for (const step of entry.fix.steps) {
        expect(within(article).getByText(step)).toBeInTheDocument();
      }
    },
  );

  const grantsFixed = KNOWN_ERRORS.filter(e => e.fix.action === 'apply-grants');
  const othersWithCommands = KNOWN_ERRORS.filter(
    e => e.fix.action !== 'apply-grants' && (e.fix.commands ?? []).length > 0,
  );
  const restoreFixed = KNOWN_ERRORS.filter(
    e => e.fix.action === 'restore-secrets',
  );

  it.each(grantsFixed.map(e => [e.id, e] as const))(
    'leaves the SQL of detected %s to Grants and links there',
    async (_id, entry) => {
      await renderEveryError();
      const article = screen.getByRole('article', { name: entry.title });
      expect(
        within(article).queryByLabelText(/^Fix command/, { selector: 'pre' }),
      ).not.toBeInTheDocument();
      expect(
        within(article).getByRole('link', { name: 'Go to the SQL in Grants' }),
      ).toHaveAttribute('href', '#grants-anchor');
    },
  );

  it.each(othersWithCommands.map(e => [e.id, e] as const))(
    'gives the commands of detected %s to copy',
    async (_id, entry) => {
      await renderEveryError();
      const article = screen.getByRole('article', { name: entry.title });
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

  it.each(restoreFixed.map(e => [e.id, e] as const))(
    'links detected %s to the Restore section',
    async (_id, entry) => {
      await renderEveryError();
      const article = screen.getByRole('article', { name: entry.title });
      expect(
        within(article).getByRole('link', { name: 'Go to Restore secrets' }),
      ).toHaveAttribute('href', '#restore-anchor');
    },
  );

  it('folds consequences under their cause', async () => {
    const status = healthyStatus();
    const [cause, consequence] = [
      knownError('kubernetes-secrets-missing'),
      knownError('secret-drift'),
    ];
    status.knownErrors = [
      {
        ...consequence,
        detail: 'The copies cannot be compared.',
        causedBy: cause.id,
      },
      { ...cause, detail: 'The admin role has no Kubernetes secret.' },
    ];
    await renderInTestApp(
      <KnownErrorsSection status={{ loading: false, value: status }} />,
    );
    const articles = screen.getAllByRole('article');
    expect(articles).toHaveLength(1);
    expect(articles[0]).toHaveAccessibleName(cause.title);
    expect(articles[0]).toHaveTextContent(
      'Also caused by this (1); fixing the cause fixes them:',
    );
    // Folded: the consequence's title shows, its fix only when opened.
    const folded = within(articles[0]).getByRole('button', {
      name: consequence.title,
    });
    expect(
      within(articles[0]).queryByText(consequence.fix.steps[1]),
    ).not.toBeInTheDocument();
    await userEvent.click(folded);
    expect(
      await within(articles[0]).findByText('The copies cannot be compared.', {
        exact: false,
      }),
    ).toBeInTheDocument();
  });

  it('links a fix done elsewhere: a template or the values file', async () => {
    const status = healthyStatus();
    const entry = knownError('chart-values-rejected-by-schema');
    status.knownErrors = [
      {
        ...entry,
        detail:
          'Key replicas is not allowed in demo-dev/analytics/values.yaml.',
        fix: {
          ...entry.fix,
          link: {
            title: 'Edit demo-dev/analytics/values.yaml',
            url: 'https://github.example.test/apps/blob/main/demo-dev/analytics/values.yaml',
          },
        },
      },
    ];
    await renderInTestApp(
      <KnownErrorsSection status={{ loading: false, value: status }} />,
    );
    expect(
      screen.getByRole('link', {
        name: /Edit demo-dev\/analytics\/values\.yaml/,
      }),
    ).toHaveAttribute(
      'href',
      'https://github.example.test/apps/blob/main/demo-dev/analytics/values.yaml',
    );
  });

  it('keeps the full catalogue folded until asked for', async () => {
    await renderInTestApp(
      <KnownErrorsSection
        status={{ loading: false, value: healthyStatus() }}
      />,
    );
    const first = KNOWN_ERRORS[0].title;
    expect(
      screen.queryByRole('button', { name: first }),
    ).not.toBeInTheDocument();
    const showAll = screen.getByRole('button', { name: 'Show them all' });
    expect(showAll).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(showAll);
    expect(screen.getByRole('button', { name: first })).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Hide the list' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

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
