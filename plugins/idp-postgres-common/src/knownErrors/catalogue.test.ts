import { KNOWN_ERRORS, knownError } from './catalogue';

describe('known-error catalogue', () => {
  it('has unique kebab-case ids', () => {
    const ids = KNOWN_ERRORS.map(e => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('gives every entry a title, detection, a one-sentence cause and a fix', () => {
    for (const entry of KNOWN_ERRORS) {
      expect(entry.title.length).toBeGreaterThan(5);
      expect(entry.detection.length).toBeGreaterThan(10);
      expect(entry.cause).toMatch(/^[A-Z].*\.$/);
      expect(entry.cause.split(/\.\s/).length).toBe(1);
      expect(entry.fix.steps.length).toBeGreaterThan(0);
    }
  });

  it('covers the errors issue 4 asks for', () => {
    for (const id of [
      'kubernetes-secrets-missing',
      'secrets-manager-secret-scheduled-for-deletion',
      'missing-schema-usage',
      'missing-table-privileges',
      'missing-sequence-privileges',
      'missing-default-privileges',
      'ssl-required-no-pg-hba-entry',
      'node-postgres-sslmode-require-verifies',
      'secret-drift',
      'resource-not-ready',
      'chart-below-0-5-0',
    ]) {
      expect(knownError(id).id).toBe(id);
    }
  });

  it('covers the errors issue 13 asks for', () => {
    for (const id of [
      'removed-from-apps-repo-but-protected',
      'unprotected-production-database',
      'chart-values-rejected-by-schema',
    ]) {
      expect(knownError(id).id).toBe(id);
    }
    // The manual's "Before version 0.5.0" fix deletes the resource too.
    expect(knownError('chart-below-0-5-0').fix.steps.join(' ')).toMatch(
      /Delete the PostgresqlDatabase resource/,
    );
  });

  it('throws for an id that is not in the catalogue', () => {
    expect(() => knownError('no-such-error')).toThrow(/no-such-error/);
  });

  it('never puts a password in a command', () => {
    for (const command of KNOWN_ERRORS.flatMap(e => e.fix.commands ?? [])) {
      expect(command).not.toMatch(/password=(?!…)/);
    }
  });
});
