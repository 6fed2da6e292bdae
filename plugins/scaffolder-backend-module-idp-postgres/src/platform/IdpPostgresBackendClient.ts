import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ConnectCheck,
  DatabaseProgress,
  DatabaseRef,
  DatabaseRole,
  DatabaseWatch,
  DatabaseWatchRequest,
  ForceDeleteSecretsResult,
  formatDatabaseRef,
  NewDatabaseCheck,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** The backend plugin the actions ask; the modules never import it, they call it over HTTP. */
export const IDP_POSTGRES_PLUGIN_ID = 'idp-postgres';

/**
 * What a wait is for: a database that is usable, or one that is gone.
 *
 * @public
 */
export type ProgressExpectation = 'ready' | 'removed';

/**
 * Asks the idp-postgres backend what the platform knows, on behalf of the
 * user who runs the template, so that the backend's permissions and audit
 * apply to that user and not to the scaffolder.
 *
 * Every failure becomes a typed error whose message says what could not be
 * done and the backend's reason, with its answer as the cause: 400 InputError, 401
 * AuthenticationError, 403 NotAllowedError, 404 NotFoundError, 409
 * ConflictError, anything else the backend's own error name; no answer at
 * all a ServiceUnavailableError.
 *
 * @public
 */
export class IdpPostgresBackendClient {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
  }

  /** `GET /checks/new-database`: may this database be created? */
  async checkNewDatabase(
    credentials: BackstageCredentials,
    ref: DatabaseRef,
  ): Promise<NewDatabaseCheck> {
    const query = new URLSearchParams({
      namespace: ref.namespace,
      name: ref.name,
    });
    return this.json(
      credentials,
      `check whether ${formatDatabaseRef(ref)} can be created`,
      `/checks/new-database?${query}`,
    );
  }

  /** `GET /checks/connect`: may an app in `appNamespace` use this role? */
  async checkConnect(
    credentials: BackstageCredentials,
    request: DatabaseRef & { role: DatabaseRole; appNamespace: string },
  ): Promise<ConnectCheck> {
    const query = new URLSearchParams({
      namespace: request.namespace,
      name: request.name,
      role: request.role,
      appNamespace: request.appNamespace,
    });
    return this.json(
      credentials,
      `check whether an app in ${
        request.appNamespace
      } can connect to ${formatDatabaseRef(request)}`,
      `/checks/connect?${query}`,
    );
  }

  /**
   * `GET /databases/{namespace}/{name}/progress`. Undefined when the
   * platform does not know the database (404): not merged yet, or gone.
   */
  async progress(
    credentials: BackstageCredentials,
    ref: DatabaseRef,
    expect: ProgressExpectation,
  ): Promise<DatabaseProgress | undefined> {
    try {
      return await this.json<DatabaseProgress>(
        credentials,
        `read the progress of ${formatDatabaseRef(ref)}`,
        `${databasePath(ref)}/progress?${new URLSearchParams({ expect })}`,
      );
    } catch (error) {
      if (error instanceof NotFoundError) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * `POST /databases/{namespace}/{name}/secrets/force-delete`. The backend
   * answers 403 to anyone but a platform admin, and 409 while the definition
   * or its resource still exists.
   */
  async forceDeleteSecrets(
    credentials: BackstageCredentials,
    ref: DatabaseRef,
    options: { dryRun: boolean },
  ): Promise<ForceDeleteSecretsResult> {
    return this.json(
      credentials,
      `${
        options.dryRun ? 'check the forced deletion of' : 'force-delete'
      } the Secrets Manager secrets of ${formatDatabaseRef(ref)}`,
      `${databasePath(ref)}/secrets/force-delete`,
      { method: 'POST', body: { dryRun: options.dryRun } },
    );
  }

  /** `POST /watches`: notify the owner and the requester when the database is ready, gone or failed. */
  async watch(
    credentials: BackstageCredentials,
    request: DatabaseWatchRequest,
  ): Promise<DatabaseWatch> {
    return this.json(
      credentials,
      `register a watch on ${formatDatabaseRef(request)}`,
      '/watches',
      { method: 'POST', body: request },
    );
  }

  private async json<T>(
    credentials: BackstageCredentials,
    what: string,
    path: string,
    init: { method?: 'GET' | 'POST'; body?: unknown } = {},
  ): Promise<T> {
    let response: Response;
    try {
      const baseUrl = await this.discovery.getBaseUrl(IDP_POSTGRES_PLUGIN_ID);
      const { token } = await this.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: IDP_POSTGRES_PLUGIN_ID,
      });
      response = await fetch(`${baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(init.body === undefined
            ? {}
            : { 'Content-Type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `Could not ${what}: the ${IDP_POSTGRES_PLUGIN_ID} backend did not answer`,
        error,
      );
    }
    if (!response.ok) {
      throw await failure(what, response);
    }
    return (await response.json()) as T;
  }
}

function databasePath(ref: DatabaseRef): string {
  return `/databases/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
    ref.name,
  )}`;
}

async function failure(what: string, response: Response): Promise<Error> {
  const cause = await ResponseError.fromResponse(response);
  // ResponseError's own message names only the status; the backend's sentence is in the body.
  const message = `Could not ${what}: ${cause.body.error.message}`;
  switch (response.status) {
    case 400:
      return new InputError(message, cause);
    case 401:
      return new AuthenticationError(message, cause);
    case 403:
      return new NotAllowedError(message, cause);
    case 404:
      return new NotFoundError(message, cause);
    case 409:
      return new ConflictError(message, cause);
    default:
      return new ForwardedError(message, cause);
  }
}

/** The backend's own sentence from an error this client threw, else the error's message. */
export function backendMessage(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return ResponseError.is(cause) ? cause.body.error.message : error.message;
}
