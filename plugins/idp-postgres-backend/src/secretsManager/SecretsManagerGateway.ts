import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
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
  private readonly client: SecretsManagerClient;

  constructor(
    private readonly cluster: ClusterConfig,
    private readonly timeoutMs: number,
  ) {
    const { region, endpoint, credentials } = cluster.secretsManager;
    this.client = new SecretsManagerClient({
      region,
      endpoint,
      credentials,
      // One retry: the timeout, not the SDK's back-off, bounds a request.
      maxAttempts: 2,
    });
  }

  /** Whether the secret exists or is scheduled for deletion. */
  async describe(name: string): Promise<SecretPresence> {
    try {
      const out = await this.call(
        `describing ${name}`,
        this.client.send(new DescribeSecretCommand({ SecretId: name })),
      );
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
      const out = await this.call(
        `reading ${name}`,
        this.client.send(new GetSecretValueCommand({ SecretId: name })),
      );
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
      await this.call(
        `cancelling the deletion of ${name}`,
        this.client.send(new RestoreSecretCommand({ SecretId: name })),
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
      await this.call(
        `force-deleting ${name}`,
        this.client.send(
          new DeleteSecretCommand({
            SecretId: name,
            ForceDeleteWithoutRecovery: true,
          }),
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
        const out = await this.call(
          `listing ${prefix}`,
          this.client.send(
            new ListSecretsCommand({
              IncludePlannedDeletion: true,
              Filters: [{ Key: 'name', Values: [prefix] }],
              NextToken: nextToken,
            }),
          ),
        );
        for (const s of out.SecretList ?? []) {
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
  }

  private call<T>(what: string, work: Promise<T>): Promise<T> {
    return withTimeout(
      work,
      this.timeoutMs,
      `Secrets Manager of cluster ${this.cluster.name} ${what}`,
    );
  }

  private wrap(error: unknown, what: string): Error {
    if (error instanceof ServiceUnavailableError) {
      return error;
    }
    return new ServiceUnavailableError(
      `Secrets Manager of cluster ${
        this.cluster.name
      } failed ${what}: ${errorName(error)}`,
    );
  }
}

function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? 'Error';
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
