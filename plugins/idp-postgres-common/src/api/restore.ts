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

/**
 * How a restore that ran went as a whole:
 * - `complete`: every secret was written or skipped as planned.
 * - `partial`: some were written, some failed.
 * - `failed`: nothing was written and at least one failed.
 *
 * @public
 */
export type RestoreOutcome = 'complete' | 'partial' | 'failed';

/** The result of a restore that ran. @public */
export interface RestoreResult {
  namespace: string;
  name: string;
  dryRun: boolean;
  outcome: RestoreOutcome;
  items: RestoreItemResult[];
}

/**
 * The overall outcome of a restore's items: one failed item makes it
 * `partial` when another was written, `failed` when none was.
 *
 * @public
 */
export function restoreOutcomeOf(
  items: ReadonlyArray<Pick<RestoreItemResult, 'outcome'>>,
): RestoreOutcome {
  if (!items.some(item => item.outcome === 'failed')) return 'complete';
  return items.some(item => item.outcome === 'done') ? 'partial' : 'failed';
}

/**
 * The sentence that says which secrets a restore could not write and why,
 * e.g. `1 of 3 secrets could not be restored: read (…)`; undefined when
 * none failed. The backend's error message and the UI both use it, so they
 * say the same.
 *
 * @public
 */
export function restoreFailureMessage(
  result: Pick<RestoreResult, 'items'>,
): string | undefined {
  const failed = result.items.filter(item => item.outcome === 'failed');
  if (failed.length === 0) return undefined;
  const total = result.items.length;
  const which = failed
    .map(item => `${item.role} (${item.error ?? 'no reason given'})`)
    .join('; ');
  return `${failed.length} of ${total} secret${
    total === 1 ? '' : 's'
  } could not be restored: ${which}`;
}
