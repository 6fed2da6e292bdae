import type {
  NextAction,
  NextActionKind,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { healthyStatus } from '../../__testUtils__/fixtures';
import { StatusHeadline } from './StatusHeadline';
import type { TabActions } from './tabActions';

function render(next: NextAction, actions?: TabActions) {
  const status = healthyStatus();
  status.state = 'error';
  status.headline = { sentence: 'The cause, in a sentence.', next };
  return renderInTestApp(<StatusHeadline status={status} actions={actions} />);
}

function verdict() {
  return screen.getByRole('group', { name: 'Verdict' });
}

describe('StatusHeadline', () => {
  it('shows the state as an icon (a word for screen readers) and the sentence', async () => {
    await render({ kind: 'wait', label: 'Wait for ArgoCD to sync' });
    expect(verdict().querySelector('[data-state="error"]')).not.toBeNull();
    expect(verdict()).toHaveTextContent(
      /^Error: The cause, in a sentence\.Next: Wait for ArgoCD to sync$/,
    );
  });

  it.each<[NextActionKind, string]>([
    ['apply-grants', 'Apply grants'],
    ['restore-secrets', 'Restore the secrets'],
  ])('starts the tab’s own flow for %s', async (kind, label) => {
    const start = jest.fn();
    await render({ kind, label }, { [kind]: { start, disabled: false } });
    await userEvent.click(
      within(verdict()).getByRole('button', { name: label }),
    );
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('disables the tab’s action with the reason when it is not permitted', async () => {
    const start = jest.fn();
    await render(
      { kind: 'apply-grants', label: 'Apply grants' },
      {
        'apply-grants': {
          start,
          disabled: true,
          note: <p>You may not apply grants: it needs a permission.</p>,
        },
      },
    );
    expect(
      within(verdict()).getByRole('button', { name: 'Apply grants' }),
    ).toBeDisabled();
    expect(verdict()).toHaveTextContent(
      'You may not apply grants: it needs a permission.',
    );
  });

  it('says the tab’s action in words where it cannot start it', async () => {
    await render({ kind: 'restore-secrets', label: 'Restore the secrets' });
    expect(within(verdict()).queryByRole('button')).not.toBeInTheDocument();
    expect(verdict()).toHaveTextContent('Next: Restore the secrets');
  });

  it.each<NextActionKind>([
    're-add-definition',
    'protect',
    'fix-values',
    'upgrade-chart',
  ])('links %s to where it is done', async kind => {
    const link = `/create/templates/default/${kind}?formData=%7B%7D`;
    await render({ kind, label: `Do ${kind}`, link }, {});
    // Backstage's LinkButton: a link, shaped and announced as a button.
    expect(
      within(verdict()).getByRole('button', { name: `Do ${kind}` }),
    ).toHaveAttribute('href', link);
  });

  it('says a link action in words when the backend gives no link', async () => {
    await render({
      kind: 'fix-values',
      label: 'Remove replicas from values.yaml',
    });
    expect(within(verdict()).queryByRole('link')).not.toBeInTheDocument();
    expect(verdict()).toHaveTextContent(
      'Next: Remove replicas from values.yaml',
    );
  });

  it.each<NextActionKind>(['wait', 'ask-platform-team'])(
    'says %s in words, without a button',
    async kind => {
      await render({ kind, label: 'Nothing to click' });
      expect(within(verdict()).queryByRole('button')).not.toBeInTheDocument();
      expect(verdict()).toHaveTextContent('Next: Nothing to click');
    },
  );

  it('links the platform team’s channel when there is one', async () => {
    await render({
      kind: 'ask-platform-team',
      label: 'Ask in #platform',
      link: 'https://slack.example.test/archives/C1',
    });
    expect(
      within(verdict()).getByRole('link', { name: /Ask in #platform/ }),
    ).toHaveAttribute('href', 'https://slack.example.test/archives/C1');
  });
});
