/**
 * The shape of the hostile-input corpus: one row per case, with the surface
 * it hits, the input, and the answer it must get. The tables live beside
 * this file, one per surface.
 */

/** What a refusal must look like. */
export interface Expected {
  /** The HTTP status (200 only for the checks, which answer a refusal as `allowed: false`). */
  status: number;
  /** A fragment the message must contain: typically the field's name. */
  message: RegExp;
}

interface CaseBase {
  /** Unique, printable; says what is hostile about the input. */
  name: string;
  expect: Expected;
  /** Set when the product accepts the input today: the reason, for the lead. */
  todo?: string;
}

/** Our scaffolder actions, by the part of the id after `idp:postgres:`. */
export type ActionName =
  | 'create-database'
  | 'connect-app'
  | 'set-chart-version'
  | 'plan-upgrade'
  | 'set-deletion-protection'
  | 'remove-database'
  | 'force-delete-secrets'
  | 'wait-for-database';

/** An action called in a dry run, as a template author's step would call it. */
export interface ActionCase extends CaseBase {
  surface: 'action';
  action: ActionName;
  input: Record<string, unknown>;
  /** Files placed in the workspace before the step runs, by path. */
  files?: Record<string, string>;
}

/** A real template's form, submitted through the scaffolder's API. */
export interface FormCase extends CaseBase {
  surface: 'form';
  template: string;
  values: Record<string, unknown>;
}

/** A request to the backend's API, with the path sent exactly as written. */
export interface ApiCase extends CaseBase {
  surface: 'api';
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below `/api/idp-postgres`, not normalised or encoded by the client. */
  path: string;
  /** A JSON value, or raw text with its content type. */
  body?: unknown;
  rawBody?: { text: string; contentType: string };
}

export type HostileCase = ActionCase | FormCase | ApiCase;

/** A regular expression matching `text` literally. */
export function literal(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/**
 * A copy of `base` with `value` at a dotted `path` (`database.name`), or the
 * key removed when `value` is undefined.
 */
export function withValue(
  base: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const [key, ...rest] = path.split('.');
  const copy = { ...base };
  if (rest.length > 0) {
    copy[key] = withValue(
      (base[key] as Record<string, unknown>) ?? {},
      rest.join('.'),
      value,
    );
  } else if (value === undefined) {
    delete copy[key];
  } else {
    copy[key] = value;
  }
  return copy;
}

/** Refuses duplicate case names: each is its own subtest, found by its name. */
export function assertUniqueNames(cases: HostileCase[]): void {
  const seen = new Set<string>();
  for (const c of cases) {
    const key = `${c.surface}: ${c.name}`;
    if (seen.has(key)) throw new Error(`Duplicate hostile case "${key}"`);
    seen.add(key);
  }
}

/**
 * Marks the cases the product does not refuse today with what it does
 * instead (`todo`): they still run and report, without failing the run.
 * A gap that names no case is an error, so the list cannot go stale.
 */
export function withKnownGaps<T extends HostileCase>(
  cases: T[],
  gaps: Record<string, string>,
): T[] {
  const names = new Set(cases.map(c => c.name));
  for (const name of Object.keys(gaps)) {
    if (!names.has(name)) throw new Error(`Known gap "${name}" names no case`);
  }
  return cases.map(c => (gaps[c.name] ? { ...c, todo: gaps[c.name] } : c));
}
