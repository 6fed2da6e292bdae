import { randomBytes, randomUUID } from 'node:crypto';
import { readJsonFile, writeJsonFile } from '../state/jsonFile';
import { markedForDeletion, notFound } from './SecretsManagerError';

/** One stored version of a secret's value. */
export interface SecretVersion {
  versionId: string;
  secretString?: string;
  secretBinary?: string;
  stages: string[];
  createdDate: number;
}

/** A secret with its metadata, as the emulator keeps it. Dates are epoch seconds. */
export interface StoredSecret {
  arn: string;
  name: string;
  description?: string;
  tags: { Key: string; Value: string }[];
  createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  deletedDate?: number;
  /** When a scheduled deletion becomes final. */
  deletionDate?: number;
  versions: SecretVersion[];
}

/**
 * The emulated account's secrets, persisted to a JSON file (0600). Scheduled
 * deletions become final when their recovery window has passed, measured on
 * an injectable clock so tests can move time.
 */
export class SecretsManagerStore {
  readonly #file?: string;
  readonly #region: string;
  readonly #account: string;
  #secrets: StoredSecret[];
  /** Seconds since the epoch; replaceable for tests. */
  now: () => number = () => Date.now() / 1000;

  constructor(
    options: { file?: string; region?: string; account?: string } = {},
  ) {
    this.#file = options.file;
    this.#region = options.region ?? 'eu-west-1';
    this.#account = options.account ?? '000000000000';
    this.#secrets =
      (this.#file && readJsonFile<StoredSecret[]>(this.#file)) || [];
  }

  /** All secrets still existing (scheduled ones included), sorted by name. */
  all(): StoredSecret[] {
    this.#purgeExpired();
    return [...this.#secrets].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** By name or ARN; undefined when it does not exist (or was purged). */
  find(secretId: string): StoredSecret | undefined {
    this.#purgeExpired();
    return this.#secrets.find(s => s.name === secretId || s.arn === secretId);
  }

  /** By name or ARN; throws ResourceNotFoundException. */
  get(secretId: string): StoredSecret {
    const secret = this.find(secretId);
    if (!secret) throw notFound();
    return secret;
  }

  /** Like `get`, and refuses secrets scheduled for deletion. */
  getActive(secretId: string): StoredSecret {
    const secret = this.get(secretId);
    if (secret.deletedDate !== undefined) throw markedForDeletion();
    return secret;
  }

  add(name: string, fields: Partial<StoredSecret>): StoredSecret {
    const now = this.now();
    const secret: StoredSecret = {
      // Real ARNs end in a dash and six random characters.
      arn: `arn:aws:secretsmanager:${this.#region}:${
        this.#account
      }:secret:${name}-${randomBytes(6).toString('base64url').slice(0, 6)}`,
      name,
      tags: [],
      createdDate: now,
      lastChangedDate: now,
      versions: [],
      ...fields,
    };
    this.#secrets.push(secret);
    return secret;
  }

  /** Adds a version and moves AWSCURRENT to it (the old current becomes AWSPREVIOUS). */
  addVersion(
    secret: StoredSecret,
    value: { secretString?: string; secretBinary?: string },
    versionId: string = randomUUID(),
  ): SecretVersion {
    const existing = secret.versions.find(v => v.versionId === versionId);
    if (existing) return existing;
    for (const v of secret.versions) {
      v.stages = v.stages.filter(s => s !== 'AWSPREVIOUS');
      if (v.stages.includes('AWSCURRENT')) {
        v.stages = [...v.stages.filter(s => s !== 'AWSCURRENT'), 'AWSPREVIOUS'];
      }
    }
    const version: SecretVersion = {
      versionId,
      ...value,
      stages: ['AWSCURRENT'],
      createdDate: this.now(),
    };
    // Versions with no stage left are deprecated and dropped, as AWS does.
    secret.versions = [
      ...secret.versions.filter(v => v.stages.length),
      version,
    ];
    secret.lastChangedDate = this.now();
    return version;
  }

  remove(secret: StoredSecret) {
    this.#secrets = this.#secrets.filter(s => s !== secret);
  }

  save() {
    if (this.#file) writeJsonFile(this.#file, this.#secrets, 0o600);
  }

  #purgeExpired() {
    const now = this.now();
    const before = this.#secrets.length;
    this.#secrets = this.#secrets.filter(
      s => s.deletionDate === undefined || s.deletionDate > now,
    );
    if (this.#secrets.length !== before) this.save();
  }
}
