import type {
  LifecycleProblem,
  NameProblem,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** Problem messages sorted to the input they concern. */
export interface ProblemsByInput {
  namespace: string[];
  name: string[];
  /** Problems about neither input alone, e.g. the inventory being unavailable. */
  other: string[];
}

/**
 * Sorts problems to the input they are about, so each shows where it can be
 * fixed; problems about another field (or none) are shown under both.
 */
export function problemsByInput(
  problems: ReadonlyArray<NameProblem | LifecycleProblem>,
): ProblemsByInput {
  const sorted: ProblemsByInput = { namespace: [], name: [], other: [] };
  for (const problem of problems) {
    const input =
      problem.field === 'namespace' || problem.field === 'name'
        ? problem.field
        : 'other';
    if (!sorted[input].includes(problem.message)) {
      sorted[input].push(problem.message);
    }
  }
  return sorted;
}
