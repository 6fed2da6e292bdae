import {
  DATABASE_ROLES,
  DatabaseEntry,
  DatabaseNames,
  DatabaseRole,
  deriveDatabaseNames,
  recreatesResources,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { randomBytes } from 'node:crypto';
import { KubernetesStore } from '../kubernetes/KubernetesStore';
import { KubeObject } from '../kubernetes/objectValidation';
import { ResourceType, SECRETS } from '../kubernetes/resourceTypes';
import { SandboxLogger, silentLogger } from '../logging/SandboxLogger';
import { PostgresConnectionInfo } from '../postgres/PostgresConnectionInfo';
import { operations } from '../secretsManager/operations';
import { scheduledForDeletionOnCreate } from '../secretsManager/SecretsManagerError';
import { SecretsManagerStore } from '../secretsManager/SecretsManagerStore';
import { AppsRepo } from './AppsRepo';
import { Condition, mergeConditions, ready, synced } from './conditions';
import { DesiredApplication, readDesiredState } from './desiredState';
import { PostgresAdmin } from './PostgresAdmin';
import { removeDatabase, ResourceSpec } from './removeDatabase';

/** Labels the reconciler puts on what it owns. @public */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const MANAGED_BY = 'idp-sandbox';
const APPLICATION_LABEL = 'idp.jppol.dk/application';

/** @public */
export interface ReconcilerOptions {
  repo: AppsRepo;
  postgres: PostgresConnectionInfo;
  kubernetes: KubernetesStore;
  databaseResource: ResourceType;
  secretsManager: SecretsManagerStore;
  /** Host and port written into the secrets: where apps should connect. */
  endpoint: { host: string; port: number };
  secretsManagerNamePattern?: string;
  knownChartVersions?: string[];
  /** How often to look for new commits on `main`. */
  pollIntervalMs?: number;
  /** How often to reconcile even without new commits. */
  resyncIntervalMs?: number;
  logger?: SandboxLogger;
  /** Called whenever a custom resource's conditions are written. */
  onStatus?: (event: {
    namespace: string;
    name: string;
    conditions: Condition[];
  }) => void;
}

/**
 * Plays ArgoCD and Crossplane for the database chart: reads `main` of the
 * local apps repo and makes PostgreSQL, Secrets Manager, Kubernetes secrets
 * and the custom resources match it, with the platform's deletion-protection
 * and chart-version behaviours. A chart version change across 0.5.0 removes
 * the old resource by its old chart's rules and creates a new one, so the
 * data is lost (the manual's upgrade guide from 0.4.1 to 0.5.0).
 *
 * @public
 */
export class Reconciler {
  readonly #o: ReconcilerOptions;
  readonly #pg: PostgresAdmin;
  readonly #logger: SandboxLogger;
  /** The last warning per application or database, so a steady failure is logged once. */
  readonly #lastWarning = new Map<string, string>();
  #running: Promise<void> = Promise.resolve();
  #timer?: NodeJS.Timeout;
  #lastHead?: string;
  #lastRun = 0;

  constructor(options: ReconcilerOptions) {
    this.#o = options;
    this.#pg = new PostgresAdmin(options.postgres);
    this.#logger = options.logger ?? silentLogger;
  }

  /** Starts polling `main`; reconciles at once. */
  start(): void {
    const tick = async () => {
      try {
        const head = await this.#o.repo.head();
        const resync =
          Date.now() - this.#lastRun > (this.#o.resyncIntervalMs ?? 30_000);
        if (head !== this.#lastHead || resync) await this.reconcile();
      } catch (e) {
        this.#logger.error('Reconcile failed', { error: String(e) });
      }
      if (this.#timer)
        this.#timer = setTimeout(tick, this.#o.pollIntervalMs ?? 1000);
    };
    this.#timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One full pass; passes never overlap. */
  reconcile(): Promise<void> {
    const next = this.#running.then(() => this.#pass());
    this.#running = next.catch(() => {});
    return next;
  }

  async #pass() {
    const head = await this.#o.repo.head();
    this.#lastHead = head;
    this.#lastRun = Date.now();
    const apps = await readDesiredState(
      this.#o.repo,
      head,
      this.#o.knownChartVersions,
    );
    const keep = new Set<string>();
    for (const app of apps) {
      this.#o.kubernetes.ensureNamespace(app.namespace);
      if (app.error) {
        this.#reportInvalid(app, keep);
        continue;
      }
      this.#lastWarning.delete(`${app.namespace}/${app.folder}`);
      for (const entry of app.databases) {
        keep.add(`${app.namespace}/${entry.name}`);
        await this.#provisionSafely(app, entry);
      }
    }
    for (const cr of this.#o.kubernetes.list(this.#o.databaseResource)) {
      if (cr.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY) continue;
      if (keep.has(`${cr.metadata.namespace}/${cr.metadata.name}`)) continue;
      await this.#remove(cr, 'removed from the apps repo');
    }
  }

  /**
   * A failed sync changes nothing that exists: every resource of the
   * application is kept, and its resources (or one named after the folder)
   * say why in `Synced=False`.
   */
  #reportInvalid(app: DesiredApplication, keep: Set<string>) {
    const owned = this.#o.kubernetes
      .list(this.#o.databaseResource, app.namespace)
      .filter(cr => cr.metadata.labels?.[APPLICATION_LABEL] === app.folder)
      .map(cr => cr.metadata.name!);
    const named = app.entryNames.filter(n =>
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n),
    );
    const targets = new Set([
      ...owned,
      ...(named.length ? named : [app.folder]),
    ]);
    this.#warnOnChange(`${app.namespace}/${app.folder}`, app.error!, () =>
      this.#logger.warn('Application values rejected', {
        namespace: app.namespace,
        folder: app.folder,
        error: app.error,
      }),
    );
    for (const name of targets) {
      keep.add(`${app.namespace}/${name}`);
      const existing = this.#o.kubernetes.find(
        this.#o.databaseResource,
        app.namespace,
        name,
      );
      const readyNow = existing
        ? []
        : [ready.unavailable('The application has not synced')];
      this.#writeStatus(app, name, undefined, [
        ...readyNow,
        synced.error(app.error!),
      ]);
    }
  }

  /** Logs a warning only when it differs from the last one for the same key. */
  #warnOnChange(key: string, message: string, warn: () => void) {
    if (this.#lastWarning.get(key) === message) return;
    this.#lastWarning.set(key, message);
    warn();
  }

  async #provisionSafely(app: DesiredApplication, entry: DatabaseEntry) {
    const key = `${app.namespace}/${app.folder}/${entry.name}`;
    try {
      await this.#provision(app, entry);
      this.#lastWarning.delete(key);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.#warnOnChange(key, message, () =>
        this.#logger.warn('Provisioning failed', {
          namespace: app.namespace,
          database: entry.name,
          error: message,
        }),
      );
      this.#writeStatus(app, entry.name, undefined, [
        ready.unavailable(message),
        synced.error(message),
      ]);
    }
  }

  async #provision(app: DesiredApplication, entry: DatabaseEntry) {
    const { namespace } = app;
    const names = this.#names(namespace, entry.name);
    const spec: ResourceSpec = {
      name: entry.name,
      chartVersion: app.chartVersion,
      deletionProtection: entry.protected,
    };
    let existing = this.#o.kubernetes.find(
      this.#o.databaseResource,
      namespace,
      entry.name,
    );
    const previous = (existing?.spec as Partial<ResourceSpec> | undefined)
      ?.chartVersion;
    if (
      existing &&
      previous &&
      recreatesResources(previous, app.chartVersion)
    ) {
      // The new chart renders the resource with another API version and
      // nothing migrates between them: ArgoCD prunes the old resource, whose
      // chart's deletion rules apply, and creates a new, empty one.
      await this.#remove(
        existing,
        `chart ${previous} to ${app.chartVersion} recreates the resource`,
      );
      existing = undefined;
    }
    const isReady = (
      existing?.status as { conditions?: Condition[] }
    )?.conditions?.some(c => c.type === 'Ready' && c.status === 'True');
    if (!isReady) {
      this.#writeStatus(app, entry.name, spec, [
        ready.creating(['database', 'roles']),
        synced.success(),
      ]);
    }
    this.#refuseScheduledSecrets(names);
    for (const role of DATABASE_ROLES) {
      await this.#provisionRole(namespace, names, role);
    }
    if (!(await this.#pg.databaseExists(names.database))) {
      await this.#pg.createDatabase(names.database, names.roles.admin);
      this.#logger.info('Database created', { database: names.database });
    }
    this.#writeStatus(app, entry.name, spec, [
      ready.available(),
      synced.success(),
    ]);
  }

  #names(namespace: string, name: string): DatabaseNames {
    return deriveDatabaseNames(
      { namespace, name },
      { secretsManagerNamePattern: this.#o.secretsManagerNamePattern },
    );
  }

  /**
   * A Secrets Manager name scheduled for deletion cannot be created (AWS's
   * InvalidRequestException), whatever the chart version, and the resource
   * then creates nothing: it stays unready until the secret is force-deleted
   * (the manual's step) or restored. Checked for all roles first, so a
   * half-cleaned name leaves no half-made database behind.
   */
  #refuseScheduledSecrets(names: DatabaseNames) {
    for (const role of DATABASE_ROLES) {
      const smName = names.secretsManagerSecrets[role];
      if (this.#o.secretsManager.find(smName)?.deletedDate !== undefined) {
        throw new Error(
          `cannot create Secrets Manager secret ${smName}: ${
            scheduledForDeletionOnCreate().message
          }`,
        );
      }
    }
  }

  async #provisionRole(
    namespace: string,
    names: DatabaseNames,
    role: DatabaseRole,
  ) {
    const roleName = names.roles[role];
    const smName = names.secretsManagerSecrets[role];
    const stored = this.#o.secretsManager.find(smName);
    const roleExists = await this.#pg.roleExists(roleName);
    let password: string;
    if (stored) {
      const value = operations.GetSecretValue(this.#o.secretsManager, {
        SecretId: smName,
      }) as {
        SecretString: string;
      };
      password = JSON.parse(value.SecretString).password;
    } else {
      password = randomBytes(24).toString('base64url');
      operations.CreateSecret(this.#o.secretsManager, {
        Name: smName,
        SecretString: JSON.stringify(
          this.#connectionValues(roleName, password),
        ),
      });
      // The stored password is the truth; an existing role is brought to it.
      if (roleExists) await this.#pg.setPassword(roleName, password);
    }
    if (!roleExists) await this.#pg.createRole(roleName, password);
    const secretName = names.kubernetesSecrets[role];
    if (!this.#o.kubernetes.find(SECRETS, namespace, secretName)) {
      this.#o.kubernetes.create(SECRETS, namespace, {
        metadata: {
          name: secretName,
          labels: {
            [MANAGED_BY_LABEL]: MANAGED_BY,
            'idp.jppol.dk/database': names.database,
            'idp.jppol.dk/role': role,
          },
        },
        stringData: this.#connectionValues(roleName, password),
      });
    }
  }

  #connectionValues(username: string, password: string) {
    return {
      endpoint: this.#o.endpoint.host,
      port: String(this.#o.endpoint.port),
      username,
      password,
    };
  }

  /**
   * The resource goes away: what it owns is removed by the rules of the chart
   * version that rendered it (see {@link removeDatabase}), then the resource.
   */
  async #remove(cr: KubeObject, why: string) {
    const namespace = cr.metadata.namespace!;
    const spec = cr.spec as ResourceSpec | undefined;
    // A resource written only to report invalid values has no spec and owns nothing.
    if (spec?.name) {
      const names = this.#names(namespace, spec.name);
      await removeDatabase(
        {
          kubernetes: this.#o.kubernetes,
          secretsManager: this.#o.secretsManager,
          postgres: this.#pg,
        },
        namespace,
        names,
        spec,
      );
      this.#logger.info('Database resource removed', {
        namespace,
        database: names.database,
        chartVersion: spec.chartVersion,
        protected: spec.deletionProtection,
        reason: why,
      });
    }
    this.#o.kubernetes.delete(
      this.#o.databaseResource,
      namespace,
      cr.metadata.name!,
    );
  }

  #writeStatus(
    app: DesiredApplication,
    name: string,
    spec: ResourceSpec | undefined,
    conditions: Condition[],
  ) {
    const type = this.#o.databaseResource;
    const existing = this.#o.kubernetes.find(type, app.namespace, name);
    const merged = mergeConditions(
      (existing?.status as { conditions?: Condition[] })?.conditions,
      conditions,
    );
    const labels = {
      [MANAGED_BY_LABEL]: MANAGED_BY,
      [APPLICATION_LABEL]: app.folder,
    };
    const desired = {
      labels,
      spec: spec ?? existing?.spec ?? {},
      status: { conditions: merged },
    };
    const current = existing && {
      labels: existing.metadata.labels,
      spec: existing.spec,
      status: existing.status,
    };
    // Unchanged objects are not rewritten, so a steady state keeps its
    // resourceVersion like a real controller's no-op reconcile.
    if (JSON.stringify(current) === JSON.stringify(desired)) return;
    this.#o.kubernetes.apply(type, app.namespace, {
      metadata: { name, labels },
      spec: desired.spec,
      status: desired.status,
    });
    this.#o.onStatus?.({ namespace: app.namespace, name, conditions: merged });
  }
}
