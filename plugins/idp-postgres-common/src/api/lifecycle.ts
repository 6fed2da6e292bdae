import type { DatabaseRole } from '../names';

/**
 * Why a database cannot be created as asked:
 * - `invalid-name`: the namespace or name breaks a naming rule, or a derived
 *   role name is over PostgreSQL's 63 bytes.
 * - `already-defined`: the apps repo already defines this database (in any
 *   folder of the namespace).
 * - `name-collision`: another database of another namespace derives the same
 *   PostgreSQL database name (`demo` + `dev-orders` = `demo-dev` + `orders`).
 * - `namespace-not-served`: no configured cluster serves the namespace.
 * - `inventory-unavailable`: the platform inventory has not been read yet,
 *   so nothing could be checked.
 *
 * @public
 */
export type NewDatabaseProblemCode =
  | 'invalid-name'
  | 'already-defined'
  | 'name-collision'
  | 'namespace-not-served'
  | 'inventory-unavailable';

/** One reason a check refuses, with the form field it is about. @public */
export interface LifecycleProblem<Code extends string = string> {
  code: Code;
  /** A sentence for the user: what is wrong and what to do. */
  message: string;
  /** The input the problem is about, for a form to show it there. */
  field?: 'namespace' | 'name' | 'role' | 'appNamespace';
}

/**
 * The answer to "may I create database `name` in `namespace`?", as the
 * create template's form and action ask it (`GET /checks/new-database`).
 *
 * @public
 */
export interface NewDatabaseCheck {
  namespace: string;
  name: string;
  /** The PostgreSQL database, `<namespace>-<name>`. */
  database: string;
  /** The three role names, which are also the Kubernetes secret names. */
  roleNames: Record<DatabaseRole, string>;
  /** Bytes left of PostgreSQL's 63 in the longest role name (`…-admin`); negative when over. */
  bytesLeft: number;
  /** True when no problem refuses the name. */
  allowed: boolean;
  /** True when the namespace is a production one: deletion protection is then required. */
  production: boolean;
  problems: Array<LifecycleProblem<NewDatabaseProblemCode>>;
  /**
   * Set when the database was removed from the apps repo but kept by
   * deletion protection (`removed-protected`): adding the definition again
   * re-attaches to the existing database and its data.
   */
  readd?: {
    /** What re-adding does, in a sentence. */
    message: string;
    /** The definition's chart version and protection before it was removed, when known. */
    chartVersion?: string;
    protected?: boolean;
  };
  /** When the inventory the check read was refreshed. */
  inventoryRefreshedAt?: string;
}

/**
 * Why an app cannot be connected to a database:
 * - `invalid-name`: a name breaks a naming rule.
 * - `not-found`: the platform knows no such database.
 * - `other-namespace`: the app runs in another namespace than the database,
 *   and a pod can only read secrets of its own namespace.
 * - `inventory-unavailable`: nothing could be checked yet.
 *
 * @public
 */
export type ConnectProblemCode =
  | 'invalid-name'
  | 'not-found'
  | 'other-namespace'
  | 'inventory-unavailable';

/**
 * What a connect check warns about without refusing:
 * - `no-privileges`: the chosen role has no privileges on any table yet.
 * - `not-ready`: the database is known but not (yet) healthy.
 * - `grants-unknown`: its privileges could not be read.
 *
 * @public
 */
export type ConnectWarningCode =
  | 'no-privileges'
  | 'not-ready'
  | 'grants-unknown';

/**
 * The answer to "may this app use this role of this database?"
 * (`GET /checks/connect`), asked before the connect template opens a pull
 * request.
 *
 * @public
 */
export interface ConnectCheck {
  namespace: string;
  name: string;
  role: DatabaseRole;
  /** The app's namespace, when given. */
  appNamespace?: string;
  allowed: boolean;
  problems: Array<LifecycleProblem<ConnectProblemCode>>;
  warnings: Array<LifecycleProblem<ConnectWarningCode>>;
  /** The Kubernetes secret the app will read. */
  secretName: string;
  /** The database's catalog entity, `resource:default/<namespace>.<name>`. */
  entityRef: string;
  /** The database's PostgreSQL tab (where grants are applied), when `app.baseUrl` is configured. */
  tabUrl?: string;
}

/**
 * The steps from a pull request to a usable database, in order:
 * - `merged`: the apps repo's main defines the database (or the cluster
 *   already holds its resource).
 * - `synced`: the cluster holds the database's custom resource.
 * - `ready`: the resource's `Ready` condition is `True`.
 * - `secrets`: the three Kubernetes secrets and the three Secrets Manager
 *   secrets exist.
 *
 * @public
 */
export type ProvisioningStep = 'merged' | 'synced' | 'ready' | 'secrets';

/** One step of {@link DatabaseProgress}. @public */
export interface ProvisioningStepState {
  step: ProvisioningStep;
  done: boolean;
  /** What was seen, e.g. the resource's condition message, or which secrets are missing. */
  detail: string;
}

/**
 * How far a database is from usable, read live from the platform
 * (`GET /databases/{namespace}/{name}/progress`). For a removal
 * (`expect=removed`), the steps are the reverse: the definition gone, the
 * resource gone.
 *
 * @public
 */
export interface DatabaseProgress {
  namespace: string;
  name: string;
  steps: ProvisioningStepState[];
  /** True when every step is done. */
  complete: boolean;
  /**
   * True when the platform reports a failure that waiting will not fix
   * (e.g. `Ready=False` with a reconcile error); `reason` says which.
   */
  failed: boolean;
  reason: string;
  /** Parts that could not be read; their steps count as not done. */
  unknown: string[];
  checkedAt: string;
}

/** The result of one secret in a forced deletion. @public */
export interface ForcedSecretDeletion {
  role: DatabaseRole;
  /** The Secrets Manager secret name. */
  secretName: string;
  result: 'deleted' | 'absent' | 'would-delete' | 'failed';
  reason?: string;
}

/**
 * The answer to `POST /databases/{namespace}/{name}/secrets/force-delete`:
 * the manual's "delete-secret --force-delete-without-recovery" for the three
 * roles, allowed only once the definition is removed and the removal synced.
 *
 * @public
 */
export interface ForceDeleteSecretsResult {
  namespace: string;
  name: string;
  dryRun: boolean;
  secrets: ForcedSecretDeletion[];
  /** True when every secret is deleted, absent, or (dry run) would be deleted. */
  ok: boolean;
}

/**
 * A request to tell a database's owner (and the requester) when the
 * database becomes ready or fails (`POST /watches`).
 *
 * @public
 */
export interface DatabaseWatchRequest {
  namespace: string;
  name: string;
  /** A link for the notification, e.g. the scaffolder task. */
  link?: string;
  /** What is being waited for. */
  expect?: 'ready' | 'removed';
}

/** A recorded watch. @public */
export interface DatabaseWatch extends DatabaseWatchRequest {
  id: string;
  /** Who asked, an entity ref, notified with the owner. */
  requestedBy?: string;
  createdAt: string;
  /** When the watch gives up and says what is still missing. */
  expiresAt: string;
}
