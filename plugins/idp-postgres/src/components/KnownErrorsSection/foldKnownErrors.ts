import type { DetectedKnownError } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** A detected error with the errors it causes, shown folded under it. */
export interface FoldedKnownError {
  error: DetectedKnownError;
  consequences: DetectedKnownError[];
}

/**
 * Folds consequences under their cause, so the cause is shown once and
 * its echoes do not bury it. A consequence of a consequence goes under the
 * root cause; one whose cause was not detected stands on its own.
 */
export function foldKnownErrors(
  errors: readonly DetectedKnownError[],
): FoldedKnownError[] {
  // Several detections may share an id (one per role); the first is the anchor.
  const firstById = new Map<string, DetectedKnownError>();
  for (const error of errors) {
    if (!firstById.has(error.id)) firstById.set(error.id, error);
  }
  // Follows the causes up to one not caused by another detected error. A
  // cycle (a backend bug) has no root: its errors then stand on their own
  // rather than vanish under each other.
  const rootOf = (error: DetectedKnownError): string | undefined => {
    const seen = new Set([error.id]);
    let current = error;
    let root: string | undefined;
    for (;;) {
      const cause = current.causedBy && firstById.get(current.causedBy);
      if (!cause) return root;
      if (seen.has(cause.id)) return undefined;
      seen.add(cause.id);
      root = cause.id;
      current = cause;
    }
  };
  const folded: FoldedKnownError[] = [];
  const byId = new Map<string, FoldedKnownError>();
  for (const error of errors) {
    if (rootOf(error)) continue;
    const entry: FoldedKnownError = { error, consequences: [] };
    folded.push(entry);
    if (!byId.has(error.id)) byId.set(error.id, entry);
  }
  for (const error of errors) {
    const root = rootOf(error);
    if (root) byId.get(root)?.consequences.push(error);
  }
  return folded;
}
