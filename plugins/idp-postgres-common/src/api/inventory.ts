import type { DatabaseRole } from '../names';
import type { CheckState } from './checks';

/**
 * Where the platform stands with a database, as the inventory joins the apps
 * repo and the cluster:
 * - `deployed`: defined in the apps repo, and the cluster has its resource.
 * - `pending`: defined in the apps repo, not (yet) synced to the cluster.
 * - `removing`: no longer defined, but the cluster still has its resource.
 * - `removed-protected`: no longer defined and its resource is gone, but the
 *   database or its Secrets Manager secrets remain (deletion protection, or
 *   secrets only scheduled for deletion): the manual's restore case.
 *
 * @public
 */
export type DatabaseLifecycle =
  | 'deployed'
  | 'pending'
  | 'removing'
  | 'removed-protected';

/** A database's definition in the apps repo. @public */
export interface DatabaseDefinition {
  /** The folder, `<namespace>/<folder>`. */
  folder: string;
  /** The values file that lists the database, `<namespace>/<folder>/values.yaml`. */
  valuesPath: string;
  chartVersion: string;
  /** Deletion protection as the definition sets it (`deletionProtection: true` or `mode: protected`). */
  protected: boolean;
  /** The apps repo commit the definition was read at, when the reader reports one. */
  commit?: string;
  /** A link to the values file. */
  url: string;
  /**
   * Keys of the values file the chart version's schema rejects (charts 1.0
   * and later), e.g. `replicas`: ArgoCD cannot render the chart until they
   * are removed. Absent when there are none.
   */
  rejectedValuesKeys?: string[];
}

/**
 * Where an owner was read from:
 * - `apps-repo`: the definition folder's `catalog-info.yaml`, reviewed by pull request.
 * - `apps-repo-before-removal`: the same, as read before the definition was removed.
 * - `namespace-config`: the backend's namespace → owner map.
 *
 * @public
 */
export type DatabaseOwnerSource =
  | 'apps-repo'
  | 'apps-repo-before-removal'
  | 'namespace-config';

/** Who owns a database, and where that was read. @public */
export interface DatabaseOwner {
  /** An entity reference, e.g. `group:default/team-shop`. */
  entityRef: string;
  source: DatabaseOwnerSource;
  /** The file the owner was read from, for `apps-repo` owners. */
  path?: string;
}

/** An app in the apps repo whose values read a database's secrets. @public */
export interface DatabaseUse {
  /** The app's folder, `<namespace>/<folder>`. */
  folder: string;
  valuesPath: string;
  /** The roles whose secrets the values read. */
  roles: DatabaseRole[];
  /** The app's catalog entity, from its folder's `catalog-info.yaml`, when it names one. */
  entityRef?: string;
}

/** What changed about a database since the inventory's previous refresh. @public */
export type InventoryChange = 'new' | 'changed' | 'unchanged';

/** One database of the platform inventory. @public */
export interface InventoryDatabase {
  namespace: string;
  name: string;
  /** The PostgreSQL database, `<namespace>-<name>`. */
  database: string;
  /** The configured cluster that serves the namespace. */
  cluster: string;
  lifecycle: DatabaseLifecycle;
  definition?: DatabaseDefinition;
  /** Absent when neither the apps repo nor config names one: then only platform admins may act. */
  owner?: DatabaseOwner;
  /** A description from the definition's `catalog-info.yaml`. */
  description?: string;
  usedBy: DatabaseUse[];
  /** The verdict of the full status checks, as the detail would give it. */
  state: CheckState;
  reason: string;
  /** Ids of the known errors found. */
  knownErrors: string[];
  /** When this database was last checked. */
  checkedAt: string;
  change: InventoryChange;
  /** Other databases this one clashes with, e.g. the same PostgreSQL database name. */
  conflicts: string[];
}

/** A part of the apps repo or the platform the inventory could not read. @public */
export interface InventoryProblem {
  /** What could not be read: a file of the apps repo, or `cluster <name>`. */
  source: string;
  reason: string;
}

/** The whole platform inventory, as the last refresh left it. @public */
export interface Inventory {
  /** When the last successful refresh finished; absent before the first. */
  refreshedAt?: string;
  /** The last refresh attempt, when it failed; the inventory is then `refreshedAt` old. */
  lastFailure?: { at: string; reason: string };
  /** The apps repo commit read, when the reader reports one. */
  commit?: string;
  databases: InventoryDatabase[];
  /** Databases gone from the platform since the previous refresh. */
  removed: Array<{ namespace: string; name: string }>;
  problems: InventoryProblem[];
}
