import {
  DetectedKnownError,
  fillFixPlaceholders,
  knownError,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseFacts } from './facts';
import {
  KNOWN_ERROR_DETECTORS,
  KnownErrorFinding,
  PartialStatus,
} from './knownErrors';

/** A finding as the API returns it: the catalogue entry made concrete. */
function toDetected(
  id: string,
  finding: KnownErrorFinding,
  facts: DatabaseFacts,
): DetectedKnownError {
  const { ref, names } = facts;
  const entry = knownError(id);
  const fix = fillFixPlaceholders(
    { ...entry.fix, steps: finding.steps ?? entry.fix.steps },
    {
      namespace: ref.namespace,
      database: ref.name,
      roles: (finding.roles ?? []).map(role => ({
        role,
        secretId: names.secretsManagerSecrets[role],
      })),
    },
  );
  return {
    id,
    title: entry.title,
    cause: entry.cause,
    detail: finding.detail,
    fix: {
      ...fix,
      // A finding's own commands are exact already (quoted SQL identifiers).
      ...(finding.commands ? { commands: finding.commands } : {}),
      ...(finding.link ? { link: finding.link } : {}),
    },
  };
}

/**
 * Marks the errors that follow from another one found for the same
 * database (its detector's `consequences`) with that cause, so the cause is
 * shown once with its consequences folded under it. The first cause in
 * catalogue order claims a consequence; a consequence of a consequence is
 * folded under the first cause, so the folding is one level deep.
 */
function foldConsequences(found: DetectedKnownError[]): DetectedKnownError[] {
  const present = new Set(found.map(e => e.id));
  const causeOf = new Map<string, string>();
  for (const detector of KNOWN_ERROR_DETECTORS) {
    if (!present.has(detector.id)) continue;
    for (const consequence of detector.consequences ?? []) {
      if (present.has(consequence) && !causeOf.has(consequence)) {
        causeOf.set(consequence, detector.id);
      }
    }
  }
  const rootCause = (id: string) => {
    const seen = new Set<string>();
    let cause = id;
    while (causeOf.has(cause) && !seen.has(cause)) {
      seen.add(cause);
      cause = causeOf.get(cause)!;
    }
    return cause;
  };
  return found.map(e =>
    causeOf.has(e.id) ? { ...e, causedBy: rootCause(e.id) } : e,
  );
}

/**
 * Runs every detector on the checks of one database and makes each
 * finding's fix concrete: commands name this database's secrets, grant
 * errors carry the exact SQL, fixes done elsewhere link there. Ordered as
 * the detectors are, which is the catalogue's order, most blocking first;
 * consequences of another error found name it in `causedBy`.
 */
export function detectKnownErrors(
  facts: DatabaseFacts,
  status: PartialStatus,
): DetectedKnownError[] {
  return foldConsequences(
    KNOWN_ERROR_DETECTORS.flatMap(detector => {
      const finding = detector.detect(facts, status);
      return finding ? [toDetected(detector.id, finding, facts)] : [];
    }),
  );
}
