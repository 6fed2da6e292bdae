import { execFileSync } from 'node:child_process';

/**
 * Whether a third-party CLI used by contract tests (psql, kubectl, aws) is on
 * this machine. Suites that need a missing one are skipped with the reason in
 * their title (see `binaryDescribeTitle`), so a skipped contract shows up.
 */
export function hasBinary(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A suite title that carries the skip reason when the binary is missing. */
export function binarySuiteTitle(name: string, title: string): string {
  return hasBinary(name)
    ? title
    : `${title} (skipped: ${name} is not installed)`;
}
