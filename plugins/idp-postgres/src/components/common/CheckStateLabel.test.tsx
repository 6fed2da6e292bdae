import type { CheckState } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CheckStateLabel } from './CheckStateLabel';

describe('CheckStateLabel', () => {
  it.each<[CheckState, string]>([
    ['ok', 'OK'],
    ['info', 'Info'],
    ['warning', 'Warning'],
    ['error', 'Error'],
    ['unknown', 'Unknown'],
  ])('shows %s as its own icon and the word %s', async (state, word) => {
    await renderInTestApp(<CheckStateLabel state={state} />);
    const label = screen.getByText(word).parentElement!;
    const icon = label.querySelector('svg')!;
    expect(icon).toHaveAttribute('data-state', state);
    expect(icon).toHaveAttribute('aria-hidden', 'true');
  });
});
