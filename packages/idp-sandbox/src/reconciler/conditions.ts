/** A Crossplane-style condition on the database custom resource. */
export interface Condition {
  type: 'Ready' | 'Synced';
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime: string;
}

function now(): string {
  return `${new Date().toISOString().slice(0, 19)}Z`;
}

export const ready = {
  creating: (unready: string[]) =>
    cond(
      'Ready',
      'False',
      'Creating',
      `Unready resources: ${unready.join(', ')}`,
    ),
  available: () => cond('Ready', 'True', 'Available', ''),
  unavailable: (message: string) =>
    cond('Ready', 'False', 'Unavailable', message),
};

export const synced = {
  success: () => cond('Synced', 'True', 'ReconcileSuccess', ''),
  error: (message: string) =>
    cond('Synced', 'False', 'ReconcileError', message),
};

function cond(
  type: Condition['type'],
  status: Condition['status'],
  reason: string,
  message: string,
): Condition {
  return { type, status, reason, message, lastTransitionTime: now() };
}

/**
 * Merges new conditions into old ones, keeping `lastTransitionTime` when a
 * condition's status did not change (as Kubernetes conventions require).
 */
export function mergeConditions(
  old: Condition[] = [],
  next: Condition[],
): Condition[] {
  const byType = new Map(old.map(c => [c.type, c]));
  for (const c of next) {
    const previous = byType.get(c.type);
    byType.set(
      c.type,
      previous && previous.status === c.status
        ? { ...c, lastTransitionTime: previous.lastTransitionTime }
        : c,
    );
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}
