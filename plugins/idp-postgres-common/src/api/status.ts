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

/** The full status of one database. @public */
export interface DatabaseStatus {
  namespace: string;
  name: string;
  database: string;
  state: CheckState;
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
