import { randomUUID } from 'node:crypto';
import { SecretFilter, matchesFilters, page } from './listSecrets';
import {
  invalidParameter,
  invalidRequest,
  scheduledForDeletionOnCreate,
  SecretsManagerError,
  validation,
} from './SecretsManagerError';
import { SecretsManagerStore, StoredSecret } from './SecretsManagerStore';

type Input = Record<string, any>;
type Operation = (store: SecretsManagerStore, input: Input) => object;

const NAME_PATTERN = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const DAY = 24 * 3600;

function currentVersion(secret: StoredSecret, input: Input) {
  const stage =
    input.VersionStage ?? (input.VersionId ? undefined : 'AWSCURRENT');
  const version = secret.versions.find(
    v =>
      (!input.VersionId || v.versionId === input.VersionId) &&
      (!stage || v.stages.includes(stage)),
  );
  if (!version) {
    throw new SecretsManagerError(
      'ResourceNotFoundException',
      `Secrets Manager can't find the specified secret value for ${
        input.VersionId
          ? `VersionId: ${input.VersionId}`
          : `staging label: ${stage}`
      }`,
    );
  }
  return version;
}

function secretValue(
  store: SecretsManagerStore,
  secret: StoredSecret,
  input: Input,
) {
  const version = currentVersion(secret, input);
  secret.lastAccessedDate = Math.floor(store.now() / DAY) * DAY;
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    ...(version.secretString !== undefined
      ? { SecretString: version.secretString }
      : {}),
    ...(version.secretBinary !== undefined
      ? { SecretBinary: version.secretBinary }
      : {}),
    VersionStages: version.stages,
    CreatedDate: version.createdDate,
  };
}

function listEntry(secret: StoredSecret) {
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description ? { Description: secret.description } : {}),
    LastChangedDate: secret.lastChangedDate,
    ...(secret.lastAccessedDate
      ? { LastAccessedDate: secret.lastAccessedDate }
      : {}),
    ...(secret.deletedDate !== undefined
      ? { DeletedDate: secret.deletedDate }
      : {}),
    Tags: secret.tags,
    SecretVersionsToStages: Object.fromEntries(
      secret.versions.map(v => [v.versionId, v.stages]),
    ),
    CreatedDate: secret.createdDate,
  };
}

function valueOf(input: Input) {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
    throw invalidParameter(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  return { secretString: input.SecretString, secretBinary: input.SecretBinary };
}

function requireId(input: Input): string {
  if (typeof input.SecretId !== 'string' || !input.SecretId) {
    throw validation(
      "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null",
    );
  }
  return input.SecretId;
}

/**
 * The Secrets Manager operations the product and the platform use, with the
 * error types and messages of the real service.
 */
export const operations: Record<string, Operation> = {
  CreateSecret(store, input) {
    const name = input.Name;
    if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
      throw invalidParameter(
        'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
      );
    }
    const value = valueOf(input);
    const existing = store.find(name);
    if (existing?.deletedDate !== undefined) {
      throw scheduledForDeletionOnCreate();
    }
    if (existing) {
      throw new SecretsManagerError(
        'ResourceExistsException',
        `The operation failed because the secret ${name} already exists.`,
      );
    }
    const secret = store.add(name, {
      description: input.Description,
      tags: input.Tags ?? [],
    });
    const hasValue =
      value.secretString !== undefined || value.secretBinary !== undefined;
    const version = hasValue
      ? store.addVersion(secret, value, input.ClientRequestToken)
      : undefined;
    store.save();
    return {
      ARN: secret.arn,
      Name: secret.name,
      ...(version ? { VersionId: version.versionId } : {}),
    };
  },

  GetSecretValue(store, input) {
    const secret = store.getActive(requireId(input));
    const result = secretValue(store, secret, input);
    store.save();
    return result;
  },

  PutSecretValue(store, input) {
    const secret = store.getActive(requireId(input));
    const value = valueOf(input);
    if (value.secretString === undefined && value.secretBinary === undefined) {
      throw invalidParameter(
        'You must provide either SecretString or SecretBinary.',
      );
    }
    const version = store.addVersion(
      secret,
      value,
      input.ClientRequestToken ?? randomUUID(),
    );
    store.save();
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      VersionStages: version.stages,
    };
  },

  DescribeSecret(store, input) {
    const secret = store.get(requireId(input));
    const { SecretVersionsToStages, ...rest } = listEntry(secret);
    return { ...rest, VersionIdsToStages: SecretVersionsToStages };
  },

  ListSecrets(store, input) {
    const max = input.MaxResults ?? 100;
    if (!Number.isInteger(max) || max < 1 || max > 100) {
      throw validation(
        `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`,
      );
    }
    const all = store
      .all()
      .filter(s => input.IncludePlannedDeletion || s.deletedDate === undefined)
      .filter(s => matchesFilters(s, input.Filters as SecretFilter[]));
    if (input.SortOrder === 'desc') all.reverse();
    const { items, nextToken } = page(all, max, input.NextToken);
    return {
      SecretList: items.map(listEntry),
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
  },

  BatchGetSecretValue(store, input) {
    const ids = input.SecretIdList as string[] | undefined;
    if (ids && input.Filters) {
      throw invalidParameter(
        'Either SecretIdList or Filters must be provided, but not both.',
      );
    }
    if (!ids && !input.Filters) {
      throw invalidParameter(
        'Either SecretIdList or Filters must be provided.',
      );
    }
    if (ids) {
      if (ids.length < 1 || ids.length > 20) {
        throw validation(
          "1 validation error detected: Value at 'secretIdList' failed to satisfy constraint: Member must have length less than or equal to 20",
        );
      }
      const values: object[] = [];
      const errors: object[] = [];
      for (const id of ids) {
        try {
          values.push(secretValue(store, store.getActive(id), {}));
        } catch (e) {
          if (!(e instanceof SecretsManagerError)) throw e;
          errors.push({ SecretId: id, ErrorCode: e.type, Message: e.message });
        }
      }
      store.save();
      return { SecretValues: values, Errors: errors };
    }
    const max = input.MaxResults ?? 20;
    if (!Number.isInteger(max) || max < 1 || max > 20) {
      throw validation(
        `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20`,
      );
    }
    const matching = store
      .all()
      .filter(s => s.deletedDate === undefined)
      .filter(s => matchesFilters(s, input.Filters));
    const { items, nextToken } = page(matching, max, input.NextToken);
    const values = items.map(s => secretValue(store, s, {}));
    store.save();
    return {
      SecretValues: values,
      Errors: [],
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
  },

  DeleteSecret(store, input) {
    const secret = store.get(requireId(input));
    const force = input.ForceDeleteWithoutRecovery === true;
    if (force && input.RecoveryWindowInDays !== undefined) {
      throw invalidParameter(
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      );
    }
    const days = input.RecoveryWindowInDays ?? 30;
    if (!force && (!Number.isInteger(days) || days < 7 || days > 30)) {
      throw invalidParameter(
        'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
      );
    }
    const now = store.now();
    if (force) {
      store.remove(secret);
      store.save();
      return { ARN: secret.arn, Name: secret.name, DeletionDate: now };
    }
    if (secret.deletedDate !== undefined) {
      throw invalidRequest(
        "You can't perform this operation on the secret because it was already scheduled for deletion.",
      );
    }
    secret.deletedDate = now;
    secret.deletionDate = now + days * DAY;
    store.save();
    return {
      ARN: secret.arn,
      Name: secret.name,
      DeletionDate: secret.deletionDate,
    };
  },

  RestoreSecret(store, input) {
    const secret = store.get(requireId(input));
    delete secret.deletedDate;
    delete secret.deletionDate;
    store.save();
    return { ARN: secret.arn, Name: secret.name };
  },
};

/** True for operation names the emulator implements. */
export function isOperation(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(operations, name);
}
