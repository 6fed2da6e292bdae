import { createHash } from 'node:crypto';
import type { SandboxPassword } from './sandboxState';

/** The kinds of text the run produced that a password must never reach. */
export type LeakSourceKind =
  | 'api response'
  | 'browser response'
  | 'backstage log'
  | 'scaffolder task'
  | 'frontend bundle';

/** One piece of text to search: a response body, a log, a task's events, an asset. */
export interface LeakSource {
  kind: LeakSourceKind;
  /** Where it is: a URL, a file, a task id. */
  name: string;
  content: Buffer;
}

/** A password found where it must not be; holds no password. */
export interface LeakFinding {
  kind: LeakSourceKind;
  source: string;
  offset: number;
  /** Which password (its label) and in which form it was found. */
  password: string;
  encoding: string;
  /** A fingerprint to tell passwords apart in a report: never the password itself. */
  fingerprint: string;
}

/**
 * The forms a password can take in text: as is, and in base64 (as in a
 * Kubernetes Secret's data), at each of the three alignments it can have
 * inside a longer base64 string (only the characters that depend on the
 * password alone), in standard and URL-safe alphabets; also URL- and
 * JSON-escaped when those differ from the plain form.
 */
export function passwordForms(password: string): Map<string, string> {
  const forms = new Map<string, string>([['plain', password]]);
  const bytes = Buffer.from(password, 'utf8');
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString(
      'base64',
    );
    const start = Math.ceil((shift * 8) / 6);
    const end = Math.floor(((shift + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    // Shorter cores match by chance in large bundles; a real password is long.
    if (core.length >= 8) {
      forms.set(`base64 (offset ${shift})`, core);
      const urlSafe = core.replace(/\+/g, '-').replace(/\//g, '_');
      if (urlSafe !== core) forms.set(`base64url (offset ${shift})`, urlSafe);
    }
  }
  const uri = encodeURIComponent(password);
  if (uri !== password) forms.set('URL-encoded', uri);
  const json = JSON.stringify(password).slice(1, -1);
  if (json !== password) forms.set('JSON-escaped', json);
  return forms;
}

/** A short hash that tells two passwords apart in a report. */
export function fingerprint(password: string): string {
  return `sha256:${createHash('sha256')
    .update(password)
    .digest('hex')
    .slice(0, 12)}`;
}

/** Every place any of the passwords occurs in any of the sources, in any of its forms. */
export function findLeaks(
  passwords: SandboxPassword[],
  sources: Iterable<LeakSource>,
): LeakFinding[] {
  const needles = passwords
    .filter(p => p.value.length > 0)
    .flatMap(p =>
      [...passwordForms(p.value)].map(([encoding, form]) => ({
        password: p,
        encoding,
        form: Buffer.from(form, 'utf8'),
      })),
    );
  const findings: LeakFinding[] = [];
  for (const source of sources) {
    for (const needle of needles) {
      let at = source.content.indexOf(needle.form);
      while (at !== -1) {
        findings.push({
          kind: source.kind,
          source: source.name,
          offset: at,
          password: needle.password.label,
          encoding: needle.encoding,
          fingerprint: fingerprint(needle.password.value),
        });
        at = source.content.indexOf(needle.form, at + 1);
      }
    }
  }
  return findings;
}

/** One line per finding, for a test failure: where, at which offset, whose password. */
export function describeLeaks(findings: LeakFinding[]): string {
  return findings
    .map(
      f =>
        `${f.kind} ${f.source} at offset ${f.offset}: the password of ${f.password} (${f.fingerprint}), ${f.encoding}`,
    )
    .join('\n');
}
