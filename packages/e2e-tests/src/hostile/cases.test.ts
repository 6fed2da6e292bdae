import { ACTION_CASES } from './actionCases';
import { API_CASES } from './apiCases';
import { assertUniqueNames, HostileCase, withKnownGaps } from './cases';
import { FORM_CASES } from './formCases';

const ALL: HostileCase[] = [...ACTION_CASES, ...FORM_CASES, ...API_CASES];

describe('the hostile-input corpus', () => {
  it('has at least 150 cases with unique, printable names', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(150);
    expect(() => assertUniqueNames(ALL)).not.toThrow();
    // Control characters in a name would break the TAP output.
    const unprintable = ALL.filter(c =>
      [...c.name].some(ch => ch.charCodeAt(0) < 0x20 || ch === '\u007f'),
    );
    expect(unprintable).toEqual([]);
  });

  it('covers every action, every template and every POST route', () => {
    expect(new Set(ACTION_CASES.map(c => c.action)).size).toBe(8);
    expect(new Set(FORM_CASES.map(c => c.template)).size).toBe(5);
    const posts = API_CASES.filter(c => c.method === 'POST').map(c => c.path);
    for (const route of [
      '/restore',
      '/grants/apply',
      '/force-delete',
      '/watches',
    ]) {
      expect(posts.some(p => p.endsWith(route))).toBe(true);
    }
  });

  it('expects a 4xx of every case but the checks, which refuse with 200', () => {
    const isCheck = (c: HostileCase) =>
      c.surface === 'api' && c.path.startsWith('/checks/');
    const wrong = ALL.filter(c =>
      c.expect.status === 200
        ? !isCheck(c)
        : c.expect.status < 400 || c.expect.status >= 500,
    );
    expect(wrong).toEqual([]);
  });

  it('refuses a known gap that names no case', () => {
    expect(() =>
      withKnownGaps(ACTION_CASES, { 'no such case': 'a reason' }),
    ).toThrow(/no such case/);
  });
});
