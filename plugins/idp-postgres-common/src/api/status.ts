import type { DatabaseRole } from '../names';
import type { CheckResult, CheckState } from './checks';
import type { DetectedKnownError } from '../knownErrors/types';
import type { GrantReport } from './grants';
import type { DatabaseLifecycle, DatabaseOwner } from './inventory';

/** A Kubernetes condition of the database's custom resource. @public */
export interface ResourceCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Every check of one role. @public */
export interface RoleStatus {
  role: DatabaseRole;
  roleName: string;
  kubernetesSecret: CheckResult;
  secretsManagerSecret: CheckResult & {
    /**
     * When deletion was requested (Secrets Manager's `DeletedDate`), for a
     * secret scheduled for deletion; it is purged when its recovery window
     * (7 to 30 days) ends, which Secrets Manager does not report.
     */
    deletionDate?: string;
    /**
     * When a secret scheduled for deletion is purged, as far as Secrets
     * Manager tells: between `deletionDate` + 7 days (the shortest recovery
     * window) and + 30 days (the longest, and the default).
     */
    purgeWindow?: { earliest: string; latest: string };
  };
  /** Whether the Kubernetes and Secrets Manager copies agree (compared by hash). */
  secretAgreement: CheckResult;
  login: CheckResult & {
    /** The failure class, when the login failed. */
    failure?: LoginFailureKind;
  };
}

/** Why a login failed. @public */
export type LoginFailureKind =
  | 'ssl-required'
  | 'wrong-password'
  | 'unknown-database'
  | 'unknown-role'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'other';

/**
 * The one thing to do next about a database:
 * - `apply-grants`, `restore-secrets`: the tab's own actions.
 * - `re-add-definition`: the create template, prefilled (`link`).
 * - `protect`: the deletion protection template (`link`).
 * - `fix-values`: edit a values file in the apps repo (`link` to it).
 * - `upgrade-chart`: the upgrade template (`link`).
 * - `wait`: the platform is still working; nothing to do.
 * - `ask-platform-team`: only the platform team can fix it.
 *
 * @public
 */
export type NextActionKind =
  | 'apply-grants'
  | 'restore-secrets'
  | 're-add-definition'
  | 'protect'
  | 'fix-values'
  | 'upgrade-chart'
  | 'wait'
  | 'ask-platform-team';

/** The next action the headline offers. @public */
export interface NextAction {
  kind: NextActionKind;
  /** A button label, e.g. "Apply grants". */
  label: string;
  /** An app path or URL for actions done elsewhere (templates, the apps repo). */
  link?: string;
}

/**
 * The verdict in one sentence and the one next action, for the top of the
 * tab: the cause, not its consequences.
 *
 * @public
 */
export interface StatusHeadline {
  sentence: string;
  /** Absent when nothing needs doing. */
  next?: NextAction;
}

/** The full status of one database. @public */
export interface DatabaseStatus {
  namespace: string;
  name: string;
  database: string;
  state: CheckState;
  /** The verdict in a sentence and the one next action. */
  headline: StatusHeadline;
  resource: CheckResult & { conditions: ResourceCondition[] };
  roles: RoleStatus[];
  grants: CheckResult & { report?: GrantReport };
  knownErrors: DetectedKnownError[];
  checkedAt: string;
}

/**
 * One line of the database list, from the platform inventory: the same
 * verdict as the database's full status when it was last checked.
 *
 * @public
 */
export interface DatabaseSummary {
  namespace: string;
  name: string;
  database: string;
  state: CheckState;
  reason: string;
  lifecycle: DatabaseLifecycle;
  owner?: DatabaseOwner;
  /** Ids of the known errors found. */
  knownErrors: string[];
  /** When the inventory last checked this database. */
  checkedAt: string;
}

/** The database list of a namespace, and how fresh the inventory is. @public */
export interface DatabaseList {
  namespace: string;
  items: DatabaseSummary[];
  /** When the inventory was last refreshed. */
  refreshedAt?: string;
  /** The last refresh, when it failed. */
  lastFailure?: { at: string; reason: string };
}
