import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Snippet } from './Snippet';

const LONG_SQL =
  'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "a-very-long-namespace-with-a-very-long-database-name-write";';

describe('Snippet', () => {
  it('wraps long lines inside its box instead of cutting them off', async () => {
    await renderInTestApp(<Snippet label="SQL" text={LONG_SQL} />);
    const pre = screen.getByLabelText('SQL', { selector: 'pre' });
    expect(pre).toHaveTextContent(LONG_SQL);
    const style = getComputedStyle(pre);
    // pre-wrap keeps indentation and line breaks; anywhere breaks a long name.
    expect(style.whiteSpace).toBe('pre-wrap');
    expect(style.overflowWrap).toBe('anywhere');
    // Without min-width 0 a flex item grows to its longest line.
    expect(style.minWidth).toBe('0');
    expect(style.overflowX).toBe('auto');
    expect(pre).not.toHaveAttribute('tabindex');
  });

  it('caps a long block’s height and lets it scroll, reachable by keyboard', async () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    await renderInTestApp(<Snippet label="Env" text={text} maxLines={10} />);
    const pre = screen.getByLabelText('Env', { selector: 'pre' });
    expect(pre.style.maxHeight).toBe('calc(15em + 18px)');
    expect(pre.style.overflowY).toBe('auto');
    expect(pre).toHaveAttribute('tabindex', '0');
    // The whole text stays in the page, for copying and searching.
    expect(pre).toHaveTextContent('line 29');
  });
});
