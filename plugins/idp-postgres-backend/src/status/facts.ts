import type {
  DatabaseDefinition,
  DatabaseNames,
  DatabaseOwner,
  DatabaseRef,
  DatabaseRole,
  DatabaseUse,
  GrantReport,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type {
  DatabaseResource,
  KubernetesSecret,
} from '../kubernetes/KubernetesGateway';
import type { LoginResult } from '../postgres/PostgresInspector';
import type { SecretPresence } from '../secretsManager/SecretsManagerGateway';
import type { Outcome } from './outcome';

/**
 * A role's Secrets Manager secret: whether it exists and, when the values
 * were read, its fields. The values hold a password and are only ever
 * compared by digest.
 */
export interface SecretsManagerFact {
  presence: SecretPresence;
  values?: Record<string, string>;
}

/** Everything learned about one role from the three systems. */
export interface RoleFacts {
  kubernetesSecret: Outcome<KubernetesSecret | undefined>;
  secretsManager: Outcome<SecretsManagerFact>;
  login: Outcome<LoginResult>;
}

/**
 * What the apps repo says about a database, as the inventory read it. A
 * status judges a database by it (is it still defined, protected, used by
 * an app?), so the live status and the inventory judge alike.
 */
export interface AppsRepoFacts {
  /** Absent when the apps repo no longer (or not yet) defines it. */
  definition?: DatabaseDefinition;
  /** The apps whose values read its role secrets. */
  usedBy: DatabaseUse[];
  owner?: DatabaseOwner;
  description?: string;
}

/** Where a database stands with the platform, beside what its systems answered. */
export interface PlatformFacts {
  /** The namespace matches `productionNamespacePatterns`. */
  production: boolean;
  /**
   * Undefined when the apps repo's view of the database is not known (the
   * inventory has not seen it yet): then nothing is concluded from a
   * definition being absent or no app using a role.
   */
  appsRepo?: AppsRepoFacts;
}

/**
 * The raw material of a status, before any judgement. Gathered in parallel
 * by the collectors; turned into checks by pure functions so the single
 * status and the namespace list judge alike.
 */
export interface DatabaseFacts {
  ref: DatabaseRef;
  names: DatabaseNames;
  /** The plural of the custom resource, for messages. */
  resourcePlural: string;
  resource: Outcome<DatabaseResource | undefined>;
  roles: Record<DatabaseRole, RoleFacts>;
  /** Undefined when not collected (the list does not run the grant query). */
  grants?: Outcome<GrantReport>;
  platform: PlatformFacts;
}
