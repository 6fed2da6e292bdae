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
    // A finding's own commands are exact already (quoted SQL identifiers).
    fix: finding.commands ? { ...fix, commands: finding.commands } : fix,
  };
}

/**
 * Runs every detector on the checks of one database and makes each
 * finding's fix concrete: commands name this database's secrets, grant
 * errors carry the exact SQL. Ordered as the detectors are, which is the
 * catalogue's order, most blocking first.
 */
export function detectKnownErrors(
  facts: DatabaseFacts,
  status: PartialStatus,
): DetectedKnownError[] {
  return KNOWN_ERROR_DETECTORS.flatMap(detector => {
    const finding = detector.detect(facts, status);
    return finding ? [toDetected(detector.id, finding, facts)] : [];
  });
}
