/**
 * An error the emulator answers in the JSON 1.1 protocol's shape: HTTP status,
 * `x-amzn-ErrorType` header and `{"__type", "Message"}` body, which the AWS
 * SDK turns into the exception class of the same name.
 */
export class SecretsManagerError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

export const notFound = () =>
  new SecretsManagerError(
    'ResourceNotFoundException',
    "Secrets Manager can't find the specified secret.",
  );

export const markedForDeletion = () =>
  new SecretsManagerError(
    'InvalidRequestException',
    "You can't perform this operation on the secret because it was marked for deletion.",
  );

/**
 * CreateSecret on a name whose secret is scheduled for deletion: the name
 * stays taken until the recovery window ends or the secret is force-deleted.
 */
export const scheduledForDeletionOnCreate = () =>
  new SecretsManagerError(
    'InvalidRequestException',
    "You can't create this secret because a secret with this name is already scheduled for deletion.",
  );

export const invalidParameter = (message: string) =>
  new SecretsManagerError('InvalidParameterException', message);

export const invalidRequest = (message: string) =>
  new SecretsManagerError('InvalidRequestException', message);

export const validation = (message: string) =>
  new SecretsManagerError('ValidationException', message);

/** What an injected failure looks like for each HTTP status. */
export function injectedFailure(status: number) {
  if (status === 429) {
    return new SecretsManagerError('ThrottlingException', 'Rate exceeded', 429);
  }
  if (status === 503) {
    return new SecretsManagerError(
      'ServiceUnavailable',
      'The service is unavailable. Please try again later.',
      503,
    );
  }
  return new SecretsManagerError(
    'InternalServiceError',
    'An error occurred on the server side.',
    status,
  );
}
