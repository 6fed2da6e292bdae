import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ConnectCheck,
  LifecycleProblem,
  NewDatabaseCheck,
  NewDatabaseProblemCode,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

type ErrorClass = new (message: string) => Error;

/** Which error each problem code is, so the scaffolder shows the right kind of failure. */
const ERROR_FOR_CODE: Record<string, ErrorClass> = {
  'invalid-name': InputError,
  'namespace-not-served': InputError,
  'other-namespace': InputError,
  'already-defined': ConflictError,
  'name-collision': ConflictError,
  'not-found': NotFoundError,
  'inventory-unavailable': ServiceUnavailableError,
};

/**
 * The error for a check that refused: typed after its first problem, with
 * every problem's sentence, since the user may have to fix more than one.
 */
function refusal(intro: string, problems: LifecycleProblem[]): Error {
  const ErrorType = ERROR_FOR_CODE[problems[0]?.code ?? ''] ?? ConflictError;
  const reasons =
    problems.length > 0
      ? problems.map(p => p.message).join(' ')
      : 'the platform gave no reason.';
  return new ErrorType(`${intro}: ${reasons}`);
}

/**
 * The refusal of a new database by the platform, or undefined when it is
 * allowed or every problem is one of `tolerated`.
 */
export function newDatabaseRefusal(
  check: NewDatabaseCheck,
  tolerated: readonly NewDatabaseProblemCode[] = [],
): Error | undefined {
  const problems = check.problems.filter(p => !tolerated.includes(p.code));
  if (check.allowed || (check.problems.length > 0 && problems.length === 0)) {
    return undefined;
  }
  return refusal(
    `The platform refuses to create ${check.namespace}/${check.name}`,
    problems,
  );
}

/** The refusal of a connection by the platform, or undefined when it is allowed. */
export function connectRefusal(check: ConnectCheck): Error | undefined {
  return check.allowed
    ? undefined
    : refusal(
        `The platform refuses to connect an app${
          check.appNamespace ? ` in ${check.appNamespace}` : ''
        } to ${check.namespace}/${check.name} as ${check.role}`,
        check.problems,
      );
}
