import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { ServiceUnavailableError } from '@backstage/errors';
import type { ClusterConfig } from '../config/pluginConfig';
import { withTimeout } from '../service/withTimeout';

/** Whether a secret exists in Secrets Manager, from metadata only. */
export type SecretPresence =
  | { state: 'present' }
  | { state: 'missing' }
  | { state: 'scheduled-for-deletion'; deletedDate: string };

/** A secret's JSON fields. Holds a password: never log or return it. */
export type SecretValues =
  | { state: 'present'; values: Record<string, string> }
  | { state: 'missing' }
  | { state: 'scheduled-for-deletion' };

/** One entry of a prefix listing. */
export interface ListedSecret {
  name: string;
  deletedDate?: string;
}

/**
 * The one place that talks to AWS Secrets Manager, through the AWS SDK. For
 * one database it uses the high-quota calls (DescribeSecret 40,000/s,
 * GetSecretValue 10,000/s); ListSecrets (100/s) is for whole namespaces.
 */
export class SecretsManagerGateway {
  /** For one secret at a time: the statuses' and the actions' calls. */
  private readonly client: SecretsManagerClient;
  /**
   * For ListSecrets (100/s; the inventory lists each namespace). The
   * adaptive retry's rate limiter belongs to a client, so a throttled
   * listing slows the listings only, and a status read just after it keeps
   * its pace instead of waiting seconds for a send token.
   */
  private readonly listClient: SecretsManagerClient;
  /** When an attempt was last throttled, so a call that runs out of time can say why. */
  private throttledAt = 0;

  constructor(
    private readonly cluster: ClusterConfig,
    private readonly timeoutMs: number,
    credentials: AwsCredentialIdentityProvider,
  ) {
    const { region, endpoint } = cluster.secretsManager;
    const newClient = () => {
      const client = new SecretsManagerClient({
        region,
        endpoint,
        credentials,
        // Throttling (ListSecrets and BatchGetSecretValue allow 100/s) is
        // met with the SDK's back-off and a client-side rate that drops after
        // a throttled call and climbs back with successes, instead of retrying
        // at once. The call's timeout still bounds every call, back-off and
        // rate wait included, and aborts what the SDK has left.
        retryMode: 'adaptive',
        maxAttempts: 3,
      });
      this.noteThrottling(client);
      return client;
    };
    this.client = newClient();
    this.listClient = newClient();
  }

  /** Whether the secret exists or is scheduled for deletion. */
  async describe(name: string): Promise<SecretPresence> {
    try {
      const out = await this.call(`describing ${name}`, abortSignal =>
        this.client.send(new DescribeSecretCommand({ SecretId: name }), {
          abortSignal,
        }),
      );
      if (!out.Name && !out.ARN) {
        throw this.unexpected(`describing ${name}`, 'no Name or ARN');
      }
      return out.DeletedDate
        ? {
            state: 'scheduled-for-deletion',
            deletedDate: out.DeletedDate.toISOString(),
          }
        : { state: 'present' };
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException') {
        return { state: 'missing' };
      }
      throw this.wrap(error, `describing ${name}`);
    }
  }

  /** The secret's JSON fields (the chart stores endpoint, port, username, password). */
  async readValues(name: string): Promise<SecretValues> {
    try {
      const out = await this.call(`reading ${name}`, abortSignal =>
        this.client.send(new GetSecretValueCommand({ SecretId: name }), {
          abortSignal,
        }),
      );
      if (typeof out.SecretString !== 'string') {
        throw this.unexpected(`reading ${name}`, 'no SecretString');
      }
      return { state: 'present', values: parseValues(out.SecretString, name) };
    } catch (error) {
      const type = errorName(error);
      if (type === 'ResourceNotFoundException') {
        return { state: 'missing' };
      }
      // AWS refuses to read a secret scheduled for deletion with this type.
      if (
        type === 'InvalidRequestException' &&
        /marked for deletion/.test(String((error as Error).message))
      ) {
        return { state: 'scheduled-for-deletion' };
      }
      throw this.wrap(error, `reading ${name}`);
    }
  }

  /**
   * Cancels a secret's scheduled deletion (RestoreSecret), so it can be read
   * again. Only restore calls it, when the caller asked for it explicitly.
   */
  async cancelDeletion(name: string): Promise<void> {
    try {
      await this.call(`cancelling the deletion of ${name}`, abortSignal =>
        this.client.send(new RestoreSecretCommand({ SecretId: name }), {
          abortSignal,
        }),
      );
    } catch (error) {
      throw this.wrap(error, `cancelling the deletion of ${name}`);
    }
  }

  /**
   * Deletes a secret at once, without a recovery window
   * (`ForceDeleteWithoutRecovery`), scheduled for deletion or not: it cannot
   * be restored afterwards. Only the force-delete operation calls it, once
   * the database's definition is removed and the removal synced. A secret
   * that is already gone is not an error.
   */
  async forceDelete(name: string): Promise<'deleted' | 'absent'> {
    try {
      await this.call(`force-deleting ${name}`, abortSignal =>
        this.client.send(
          new DeleteSecretCommand({
            SecretId: name,
            ForceDeleteWithoutRecovery: true,
          }),
          { abortSignal },
        ),
      );
      return 'deleted';
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException') return 'absent';
      throw this.wrap(error, `force-deleting ${name}`);
    }
  }

  /** Every secret under a name prefix, including those scheduled for deletion. */
  async listByPrefix(prefix: string): Promise<ListedSecret[]> {
    const secrets: ListedSecret[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const command = new ListSecretsCommand({
          IncludePlannedDeletion: true,
          Filters: [{ Key: 'name', Values: [prefix] }],
          NextToken: nextToken,
        });
        const out = await this.call(`listing ${prefix}`, abortSignal =>
          this.listClient.send(command, { abortSignal }),
        );
        // AWS always lists, if only an empty list; without one, taking the
        // answer for "no secrets" would drop every database from the view.
        if (!Array.isArray(out.SecretList)) {
          throw this.unexpected(`listing ${prefix}`, 'no SecretList');
        }
        for (const s of out.SecretList) {
          if (s.Name?.startsWith(prefix)) {
            secrets.push({
              name: s.Name,
              deletedDate: s.DeletedDate?.toISOString(),
            });
          }
        }
        nextToken = out.NextToken;
      } while (nextToken);
    } catch (error) {
      throw this.wrap(error, `listing ${prefix}`);
    }
    return secrets;
  }

  destroy(): void {
    this.client.destroy();
    this.listClient.destroy();
  }

  /**
   * One call, bounded by the timeout. A call given up on is aborted, so the
   * SDK does not go on retrying (or waiting for its rate limiter) in the
   * background against an API that is already throttling us.
   */
  private async call<T>(
    what: string,
    send: (abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const abort = new AbortController();
    const started = Date.now();
    try {
      return await withTimeout(
        send(abort.signal),
        this.timeoutMs,
        `Secrets Manager of cluster ${this.cluster.name} ${what}`,
      );
    } catch (error) {
      // Out of time while the SDK backed off: say it was throttling, or
      // the reason reads as a slow or unreachable Secrets Manager.
      if (
        error instanceof ServiceUnavailableError &&
        this.throttledAt >= started
      ) {
        throw new ServiceUnavailableError(
          `${error.message}; it was throttling requests (ThrottlingException) and the SDK was backing off`,
        );
      }
      throw error;
    } finally {
      abort.abort();
    }
  }

  /**
   * Notes each throttled attempt. A middleware of the deserialize step runs
   * inside the SDK's retry loop, so it sees every attempt, not only the
   * last one.
   */
  private noteThrottling(client: SecretsManagerClient): void {
    client.middlewareStack.add(
      next => async args => {
        try {
          return await next(args);
        } catch (error) {
          if (isThrottling(error)) this.throttledAt = Date.now();
          throw error;
        }
      },
      { step: 'deserialize', priority: 'high', name: 'idpPostgresThrottling' },
    );
  }

  /** An answer of the wrong shape: said as the API's fault, not the secret's. */
  private unexpected(what: string, lacking: string): ServiceUnavailableError {
    return new ServiceUnavailableError(
      `Secrets Manager of cluster ${this.cluster.name} gave an unexpected answer ${what}: ${lacking}`,
    );
  }

  private wrap(error: unknown, what: string): Error {
    if (error instanceof ServiceUnavailableError) {
      return error;
    }
    return new ServiceUnavailableError(
      `Secrets Manager of cluster ${
        this.cluster.name
      } failed ${what}: ${failureOf(error)}`,
    );
  }
}

function isThrottling(error: unknown): boolean {
  const { name, $metadata } = (error ?? {}) as {
    name?: string;
    $metadata?: { httpStatusCode?: number };
  };
  return name === 'ThrottlingException' || $metadata?.httpStatusCode === 429;
}

function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? 'Error';
}

/** Node's codes for a connection that could not be made or was lost. */
const NETWORK_CODE =
  /\b(E(?:CONN[A-Z]+|TIMEDOUT|HOSTUNREACH|NETUNREACH|NOTFOUND|AI_AGAIN|PIPE))\b/;

/**
 * What went wrong, in words safe to show: the AWS error type, or a network
 * error's code (the SDK sometimes wraps the network error, keeping its code
 * only in the message). Never a parse error's message, which quotes the
 * answer, and an answer to GetSecretValue holds a password.
 */
function failureOf(error: unknown): string {
  const name = errorName(error);
  if (name === 'SyntaxError') return 'an answer that is not valid JSON';
  const { code, message } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
  };
  let network = typeof code === 'string' ? code : undefined;
  if (!network && typeof message === 'string') {
    network = NETWORK_CODE.exec(message)?.[1];
  }
  return network ? `${name} ${network}` : name;
}

function parseValues(
  text: string | undefined,
  name: string,
): Record<string, string> {
  try {
    const parsed = JSON.parse(text ?? '');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(
        Object.entries(parsed).map(([k, v]) => [k, String(v)]),
      );
    }
  } catch {
    // fall through: the message must not quote the value
  }
  throw new ServiceUnavailableError(
    `Secrets Manager secret ${name} does not hold a JSON object`,
  );
}
