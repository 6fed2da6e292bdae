/**
 * A failure the emulator answers with a Kubernetes `Status` body, exactly as
 * the API server shapes it, so client-node's `ApiException.body` and
 * kubectl's messages read like they do against a real cluster.
 */
export class KubernetesStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

export function notFound(plural: string, name: string) {
  return new KubernetesStatusError(
    404,
    'NotFound',
    `${plural} "${name}" not found`,
    { name, kind: plural },
  );
}

export function alreadyExists(plural: string, name: string) {
  return new KubernetesStatusError(
    409,
    'AlreadyExists',
    `${plural} "${name}" already exists`,
    { name, kind: plural },
  );
}

export function conflict(plural: string, name: string) {
  return new KubernetesStatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${plural} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, kind: plural },
  );
}

export function badRequest(message: string) {
  return new KubernetesStatusError(400, 'BadRequest', message);
}

/** 422 with one cause per invalid field, like the API server's validation. */
export function invalid(
  kind: string,
  name: string,
  causes: { field: string; message: string }[],
) {
  const summary = causes.map(c => `${c.field}: ${c.message}`).join(', ');
  return new KubernetesStatusError(
    422,
    'Invalid',
    `${kind} "${name}" is invalid: ${summary}`,
    {
      name,
      kind,
      causes: causes.map(c => ({
        reason: 'FieldValueInvalid',
        message: c.message,
        field: c.field,
      })),
    },
  );
}

export function unauthorized() {
  return new KubernetesStatusError(401, 'Unauthorized', 'Unauthorized');
}

export function methodNotAllowed() {
  return new KubernetesStatusError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );
}

export function unsupportedMediaType(contentType: string) {
  return new KubernetesStatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got ${contentType})`,
  );
}

/** The Status for injected failures: 429 is the API server's throttling answer. */
export function injectedFailure(status: number) {
  if (status === 429) {
    return new KubernetesStatusError(
      429,
      'TooManyRequests',
      'Too many requests, please try again later.',
      { retryAfterSeconds: 1 },
    );
  }
  if (status === 503) {
    return new KubernetesStatusError(
      503,
      'ServiceUnavailable',
      'The server is currently unable to handle the request',
    );
  }
  return new KubernetesStatusError(
    status,
    'InternalError',
    'Internal error occurred: injected fault',
  );
}
