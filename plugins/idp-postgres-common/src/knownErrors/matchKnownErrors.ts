import { KNOWN_ERRORS } from './catalogue';
import { normaliseErrorText } from './normaliseErrorText';
import type { KnownError } from './types';

/**
 * A catalogue entry that fits a pasted text, with why.
 *
 * @public
 */
export interface KnownErrorMatch {
  entry: KnownError;
  /**
   * Higher is better. An entry whose message or patterns occur in the text
   * outranks one that only contains the text's words.
   */
  score: number;
  /** The entry's message and patterns found in the text; empty for a match by words. */
  matched: string[];
}

/** Leaves room for the name or host a `…` in a pattern stands for. */
const WILDCARD_GAP = '.{0,120}?';
const PATTERN_SCORE = 1000;
/** Up to this many words a text is a search rather than a message. */
const MAX_SEARCH_WORDS = 10;

interface CompiledPattern {
  source: string;
  regex: RegExp;
  /** The literal characters, so that more specific patterns weigh more. */
  weight: number;
}

function compile(pattern: string): CompiledPattern {
  const parts = normaliseErrorText(pattern)
    .split('…')
    .map(part => part.trim())
    .filter(part => part !== '');
  const escaped = parts.map(part =>
    part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  return {
    source: pattern,
    regex: new RegExp(escaped.join(WILDCARD_GAP)),
    weight: parts.join('').length,
  };
}

/** An entry's words, lower case: a typed word matches the start of one. */
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/["'“”‘’`]/g, '')
    .split(/\W+/)
    .filter(word => word !== '');

interface CompiledEntry {
  entry: KnownError;
  patterns: CompiledPattern[];
  words: string[];
}

const compiled = new WeakMap<readonly KnownError[], CompiledEntry[]>();

function compileCatalogue(catalogue: readonly KnownError[]): CompiledEntry[] {
  const cached = compiled.get(catalogue);
  if (cached) return cached;
  const entries = catalogue.map(entry => {
    const phrasings = [
      ...(entry.message ? [entry.message] : []),
      ...(entry.patterns ?? []),
    ];
    return {
      entry,
      patterns: phrasings.map(compile),
      words: wordsOf(
        [
          entry.id,
          entry.title,
          entry.detection,
          entry.cause,
          ...phrasings,
          ...entry.fix.steps,
          ...(entry.fix.commands ?? []),
        ].join(' '),
      ),
    };
  });
  compiled.set(catalogue, entries);
  return entries;
}

/**
 * The catalogue entries a pasted error message or typed words point to,
 * best first. The text is normalised first (see
 * {@link normaliseErrorText}), so host names, quotes, names and line
 * breaks do not matter. When a message or pattern of some entry occurs in
 * the text, only such entries are returned, the longest (most specific)
 * matched phrasings first; otherwise, for a text of a few words, an entry
 * matches when each word begins one of its words, so a search for a word
 * or its beginning still finds it. Blank text matches nothing.
 *
 * @public
 */
export function matchKnownErrors(
  text: string,
  catalogue: readonly KnownError[] = KNOWN_ERRORS,
): KnownErrorMatch[] {
  const normalised = normaliseErrorText(text);
  if (normalised === '') return [];
  const entries = compileCatalogue(catalogue);

  const byPattern = entries.flatMap(({ entry, patterns }) => {
    const found = patterns.filter(p => p.regex.test(normalised));
    if (found.length === 0) return [];
    const score = PATTERN_SCORE + found.reduce((sum, p) => sum + p.weight, 0);
    return [{ entry, score, matched: found.map(p => p.source) }];
  });
  if (byPattern.length > 0) {
    return byPattern.sort((a, b) => b.score - a.score);
  }

  // Placeholders stand for what the text named, which no entry mentions.
  const words = normalised
    .replace(/<\w+>/g, ' ')
    .split(/\W+/)
    .filter(word => word.length > 1);
  // A longer text is a pasted message: one that no pattern explains would
  // otherwise match whatever entry happens to share its common words.
  if (words.length === 0 || words.length > MAX_SEARCH_WORDS) return [];
  return entries
    .filter(e => words.every(word => e.words.some(w => w.startsWith(word))))
    .map(e => ({ entry: e.entry, score: words.length, matched: [] }));
}
