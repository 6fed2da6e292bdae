import type {
  RestoreAction,
  RestoreItemResult,
  RestorePlanItem,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** A plan item, or the same item with what happened to it. */
export type RestoreItem = RestorePlanItem | RestoreItemResult;

/** The plan's actions in words. */
export const ACTION_TEXT: Record<RestoreAction, string> = {
  create: 'Create',
  overwrite: 'Overwrite',
  'skip-differs': 'Skip: differs (needs overwrite)',
  'skip-in-sync': 'Skip: in sync',
  'skip-scheduled-for-deletion': 'Skip: scheduled for deletion',
  'skip-source-missing': 'Skip: nothing in Secrets Manager',
};

export const OUTCOME_TEXT: Record<RestoreItemResult['outcome'], string> = {
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
};

/** Whether the item writes anything in the namespace. */
export function writes(item: RestoreItem): boolean {
  return item.action === 'create' || item.action === 'overwrite';
}

/** Whether the restore cancels the item's scheduled deletion in Secrets Manager. */
export function cancelsDeletion(item: RestoreItem): boolean {
  return item.secretsManagerStep === 'cancel-deletion';
}

/**
 * Whether running the restore changes anything for the item. A cancelled
 * deletion counts even when nothing is written afterwards: the backend
 * cancels it before it can compare the secrets.
 */
export function changesSomething(item: RestoreItem): boolean {
  return writes(item) || cancelsDeletion(item);
}

/**
 * The Kubernetes kind a writing item writes, as `kubectl get` names it; the
 * backend leaves `target` out for a plain Secret.
 */
export function writtenKind(
  item: RestoreItem,
): 'Secret' | 'ExternalSecret' | undefined {
  if (!writes(item)) return undefined;
  return item.target === 'external-secret' ? 'ExternalSecret' : 'Secret';
}

/**
 * The Secrets Manager step in words: what will happen in a plan, what
 * happened in a result. A failed item may have failed at either step, so
 * its error says which, and the words stay those of the plan.
 */
export function stepText(item: RestoreItem): string | undefined {
  if (!cancelsDeletion(item)) return undefined;
  return 'outcome' in item && item.outcome !== 'failed'
    ? 'Deletion in Secrets Manager cancelled, then:'
    : 'Cancel deletion in Secrets Manager, then:';
}

/** Whether the plan holds secrets whose Secrets Manager copy is scheduled for deletion. */
export function hasScheduledForDeletion(items: RestoreItem[]): boolean {
  return items.some(
    i => i.action === 'skip-scheduled-for-deletion' || cancelsDeletion(i),
  );
}
