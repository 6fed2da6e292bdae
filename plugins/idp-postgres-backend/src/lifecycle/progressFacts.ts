import type {
  DatabaseNames,
  DatabaseRef,
  DatabaseRole,
  InventoryDatabase,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseResource } from '../kubernetes/KubernetesGateway';
import type { SecretPresence } from '../secretsManager/SecretsManagerGateway';
import type { Outcome } from '../status/outcome';

/** What a provisioning (`ready`) or a removal (`removed`) waits for. */
export type ProgressExpectation = 'ready' | 'removed';

/** The inventory's entry for a database, as of one refresh. */
export interface InventoryView {
  refreshedAt: string;
  database?: InventoryDatabase;
}

/**
 * What the progress of one database is judged from, read live except the
 * definition (the apps repo is only read by the inventory refresh). Each
 * part is an outcome, so one unreadable system leaves only its steps open.
 * Secrets are only read when waiting for `ready`.
 */
export interface ProgressFacts {
  ref: DatabaseRef;
  expect: ProgressExpectation;
  names: DatabaseNames;
  /** The custom resource's plural, for messages. */
  resourcePlural: string;
  inventory: Outcome<InventoryView>;
  resource: Outcome<DatabaseResource | undefined>;
  /** Whether each role's Kubernetes secret exists (never its value). */
  kubernetesSecrets?: Record<DatabaseRole, Outcome<boolean>>;
  secretsManagerSecrets?: Record<DatabaseRole, Outcome<SecretPresence>>;
}
