import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { restorePlan } from '../../__testUtils__/fixtures';
import { RestoreItemsTable } from './RestoreItemsTable';

/**
 * The style rules that apply to an element, as written. jsdom's computed
 * style ignores selector specificity, so the test reads the rules instead.
 */
function rulesOf(element: Element): string[] {
  return Array.from(document.styleSheets).flatMap(sheet =>
    Array.from(sheet.cssRules)
      .filter(
        (rule): rule is CSSStyleRule =>
          'selectorText' in rule &&
          element.matches((rule as CSSStyleRule).selectorText),
      )
      .map(rule => rule.cssText),
  );
}

/** A rule that outranks the theme's single-class `word-break: break-word`. */
const BREAKS_BETWEEN_WORDS = /^(\.[\w-]+)\1 \{[^}]*word-break: normal/;

describe('RestoreItemsTable', () => {
  it('breaks words only between words, and long names anywhere', async () => {
    const items = restorePlan().items.map(item => ({
      ...item,
      outcome: 'skipped' as const,
    }));
    await renderInTestApp(
      <RestoreItemsTable label="Restore results" items={items} />,
    );
    const table = screen.getByRole('table', { name: 'Restore results' });
    // Narrower than it reads well, the table scrolls instead of squeezing.
    expect(getComputedStyle(table.parentElement!).overflowX).toBe('auto');
    expect(getComputedStyle(table).minWidth).toBe('560px');
    const header = within(table).getByRole('columnheader', { name: 'Role' });
    expect(rulesOf(header).some(r => BREAKS_BETWEEN_WORDS.test(r))).toBe(true);
    const row = within(table).getByRole('row', { name: /^write/ });
    const [role, secret, , outcome] = within(row).getAllByRole('cell');
    expect(getComputedStyle(role).whiteSpace).toBe('nowrap');
    expect(getComputedStyle(secret).overflowWrap).toBe('anywhere');
    expect(outcome).toHaveTextContent('Skipped (Create)');
    expect(rulesOf(outcome).some(r => BREAKS_BETWEEN_WORDS.test(r))).toBe(true);
  });
});
