import type { ReactNode } from 'react';

/**
 * One of the tab's own actions as the headline offers it: what the button
 * starts (the same flow, confirmation and permission check as the
 * section's), whether it can, and why not.
 */
export interface ActionTrigger {
  start: () => void;
  disabled: boolean;
  /** Said next to the button, e.g. which permission is missing. */
  note?: ReactNode;
}

/** The tab's actions the headline can start, by next-action kind. */
export interface TabActions {
  'apply-grants'?: ActionTrigger;
  'restore-secrets'?: ActionTrigger;
}
