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

/** One step of a restore plan. @public */
export interface RestorePlanItem {
  role: DatabaseRole;
  secretName: string;
  secretsManagerName: string;
  action: RestoreAction;
  reason: string;
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
