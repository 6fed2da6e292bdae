/**
 * The hostile values the corpus feeds every surface: names that break
 * PostgreSQL's, Kubernetes' or a reader's expectations, path tricks, and
 * YAML that attacks the parser. Each comes with a label for the case name,
 * since the values themselves hold control characters and megabytes.
 */

/** A hostile value and what it is, for a case name. */
export type Labelled<T = string> = readonly [label: string, value: T];

/** PostgreSQL identifiers and Kubernetes DNS labels stop at 63; subdomains at 253. */
export const OVER_63 = 'a'.repeat(64);
export const OVER_253 = 'a'.repeat(254);
export const HUGE = 'a'.repeat(100_000);

/** Names that must never become a database, role, secret or folder name. */
export const HOSTILE_NAMES: readonly Labelled[] = [
  ["64 characters (over PostgreSQL's and Kubernetes' 63)", OVER_63],
  ["254 characters (over Kubernetes' 253)", OVER_253],
  ['100,000 characters', HUGE],
  // 32 characters but 64 bytes: a length check in characters lets it through.
  ['64 bytes in 32 non-ASCII characters', 'ø'.repeat(32)],
  ['non-ASCII "ørders"', 'ørders'],
  ['a Cyrillic homoglyph of "orders"', 'оrders'],
  ['a right-to-left mark', 'orders\u200f'],
  ['a right-to-left override', '\u202esredro'],
  ['a zero-width space', 'ord\u200bers'],
  ['an emoji', 'orders-🐘'],
  ['SQL with a double quote', 'x"; DROP DATABASE postgres; --'],
  ['SQL with a single quote', "x'; DROP ROLE postgres; --"],
  ['a newline', 'orders\nadmin'],
  ['CR LF', 'orders\r\n'],
  ['a NUL byte', 'orders\u0000'],
  ['".."', '..'],
  ['encoded "%2e%2e"', '%2e%2e'],
  ['a path "../demo-prod"', '../demo-prod'],
  ['backslashes', '..\\..\\orders'],
  ['upper case', 'Orders'],
  ['a leading hyphen', '-orders'],
  ['an empty string', ''],
  ['YAML flow syntax', '{a: 1}'],
  ['a template expression', '${{ secrets.backstageToken }}'],
];

/** A smaller set for fields where every name rule is the same code path. */
export const SOME_HOSTILE_NAMES: readonly Labelled[] = HOSTILE_NAMES.filter(
  ([label]) =>
    [
      "64 characters (over PostgreSQL's and Kubernetes' 63)",
      'non-ASCII "ørders"',
      'SQL with a double quote',
      'a newline',
      'a path "../demo-prod"',
    ].includes(label),
);

/**
 * "Billion laughs": nine aliases, each a list of nine of the previous one,
 * expand to 9^9 strings from a few hundred bytes. A parser that resolves
 * aliases without a limit runs out of memory.
 */
export function billionLaughs(): string {
  const names = 'abcdefghi';
  const lines = [`${names[0]}: &${names[0]} [${Array(9).fill('"lol"')}]`];
  for (let i = 1; i < names.length; i++) {
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`)}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A JavaScript function tag, which unsafe loaders (js-yaml's old `load`) execute. */
export const JS_FUNCTION_TAG =
  'hook: !!js/function "function () { return process.env }"\n';

/** An application-defined tag, which Helm cannot read. */
export const CUSTOM_TAG = 'hook: !vault secret/data/db#password\n';

/** The same key twice: readers disagree about which wins. */
export const DUPLICATE_KEY = 'env: []\nenv: []\n';

/** Not YAML at all. */
export const NOT_YAML = 'env: [\n  - {name: "unterminated\n';
