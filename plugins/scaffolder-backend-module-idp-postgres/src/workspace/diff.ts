import { createTwoFilesPatch } from 'diff';

/**
 * A git-style unified diff of one file, shown to the person running the
 * template so they can review an edit before it becomes a pull request.
 * Empty when nothing changed.
 */
export function unifiedDiff(
  relativePath: string,
  before: string,
  after: string,
): string {
  if (before === after) {
    return '';
  }
  return createTwoFilesPatch(
    `a/${relativePath}`,
    `b/${relativePath}`,
    before,
    after,
  ).replace(/^=+\n/, '');
}
