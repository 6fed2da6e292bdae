import type { DatabaseRole } from '../names';

/**
 * What restore would do, or did, for one role's Kubernetes secret.
 * - `create`: the Kubernetes secret is missing; create it from Secrets Manager.
 * - `overwrite`: it differs from Secrets Manager and `force` was given.
 * - `skip-differs`: it differs and `force` was not given; left alone.
 * - `skip-in-sync`: it exists and agrees with Secrets Manager.
 * - `skip-scheduled-for-deletion`: the Secrets Manager secret is scheduled for deletion.
 * - `skip-source-missing`: there is nothing in Secrets Manager to restore from.
 *
 * @public
 */
export type RestoreAction =
  | 'create'
  | 'overwrite'
  | 'skip-differs'
  | 'skip-in-sync'
  | 'skip-scheduled-for-deletion'
  | 'skip-source-missing';

/**
 * A step restore takes in Secrets Manager before it writes the Kubernetes
 * side. `cancel-deletion`: the secret is scheduled for deletion and the
 * caller asked for `restoreScheduledSecrets`, so RestoreSecret cancels the
 * deletion and the value is read afterwards.
 *
 * @public
 */
export type SecretsManagerRestoreStep = 'cancel-deletion';

/**
 * What a `create` or `overwrite` writes in the namespace: the Secret itself,
 * or an External Secrets Operator ExternalSecret that makes the Secret from
 * Secrets Manager (chosen by the backend's config).
 *
 * @public
 */
export type RestoreTarget = 'secret' | 'external-secret';

/** One step of a restore plan. @public */
export interface RestorePlanItem {
  role: DatabaseRole;
  secretName: string;
  secretsManagerName: string;
  action: RestoreAction;
  reason: string;
  /** A Secrets Manager step that runs before `action`; none when left out. */
  secretsManagerStep?: SecretsManagerRestoreStep;
  /** What `create` or `overwrite` writes; `secret` when left out. */
  target?: RestoreTarget;
}

/**
 * What a caller may ask of a restore (the request body).
 *
 * @public
 */
export interface RestoreRequestBody {
  /** Only return the plan; change nothing. */
  dryRun?: boolean;
  /** Replace Kubernetes secrets that differ from Secrets Manager. */
  force?: boolean;
  /** Only these roles; all three when left out. */
  roles?: DatabaseRole[];
  /**
   * Cancel the scheduled deletion of Secrets Manager secrets (RestoreSecret)
   * and restore from them; without it such secrets are skipped.
   */
  restoreScheduledSecrets?: boolean;
}

/** The plan, returned alone for a dry run. @public */
export interface RestorePlan {
  namespace: string;
  name: string;
  items: RestorePlanItem[];
}

/** What happened to one step. @public */
export interface RestoreItemResult extends RestorePlanItem {
  outcome: 'done' | 'skipped' | 'failed';
  error?: string;
}

/** The result of a restore that ran. @public */
export interface RestoreResult {
  namespace: string;
  name: string;
  dryRun: boolean;
  items: RestoreItemResult[];
}
