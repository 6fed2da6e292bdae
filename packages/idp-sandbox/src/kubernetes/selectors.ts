import { badRequest } from './KubernetesStatusError';

/** A test of an object's labels or fields; all must pass. */
type Requirement = (values: Record<string, string | undefined>) => boolean;

// Splits on commas outside parentheses: `a in (x,y),b=c` is two requirements.
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim()) terms.push(current.trim());
  return terms;
}

/**
 * Parses a label selector in the API server's syntax: `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k` and `!k`.
 */
export function parseLabelSelector(selector: string): Requirement[] {
  return splitTerms(selector).map(term => {
    let m = term.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/);
    if (m) {
      const [, key, op, list] = m;
      const set = list.split(',').map(v => v.trim());
      return op === 'in'
        ? v => v[key] !== undefined && set.includes(v[key]!)
        : v => v[key] === undefined || !set.includes(v[key]!);
    }
    m = term.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/);
    if (m) {
      const [, key, op, value] = m;
      return op === '!=' ? v => v[key] !== value : v => v[key] === value;
    }
    m = term.match(/^(!?)([\w./-]+)$/);
    if (m) {
      const [, not, key] = m;
      return not ? v => v[key] === undefined : v => v[key] !== undefined;
    }
    throw badRequest(
      `unable to parse requirement: invalid label selector "${term}"`,
    );
  });
}

/**
 * Parses a field selector (`f=v`, `f==v`, `f!=v`), accepting only the fields
 * the API server supports for the kind, and answering its error otherwise.
 */
export function parseFieldSelector(
  selector: string,
  supported: string[],
): Requirement[] {
  return splitTerms(selector).map(term => {
    const m = term.match(/^([\w.]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m)
      throw badRequest(
        `invalid selector: '${selector}'; can't understand '${term}'`,
      );
    const [, field, op, value] = m;
    if (!supported.includes(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    return op === '!=' ? v => v[field] !== value : v => v[field] === value;
  });
}

export function matchesAll(
  requirements: Requirement[],
  values: Record<string, string | undefined>,
): boolean {
  return requirements.every(r => r(values));
}
