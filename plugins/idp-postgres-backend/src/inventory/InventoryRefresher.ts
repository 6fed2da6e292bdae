import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  DatabaseRef,
  Inventory,
  InventoryDatabase,
  InventoryProblem,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import pLimit from 'p-limit';
import type { PluginConfig } from '../config/pluginConfig';
import type { ClusterClients } from '../service/ClusterClients';
import type { StatusCollector } from '../status/StatusCollector';
import { evaluateStatus, verdictReason } from '../status/evaluateStatus';
import { lifecycleOf } from '../status/lifecycle';
import { AppsRepoSnapshot, DefinedDatabase } from './appsRepo/parseAppsRepo';
import { readAppsRepo } from './appsRepo/readAppsRepo';
import {
  NamespaceListing,
  listAllNamespaces,
  listedRefs,
  listingProblem,
} from './discoverDatabases';
import { markChanges, markConflicts } from './inventoryChanges';
import { ownerOf } from './ownership';
import type { InventoryStore } from './InventoryStore';

/**
 * Builds the platform inventory: every database the apps repo defines or
 * the cluster and Secrets Manager still hold, each judged by the same
 * checks and verdict as its live status, with its owner from the apps repo.
 * Runs in the background on one replica; readers only read the store.
 */
export class InventoryRefresher {
  constructor(
    private readonly deps: {
      config: PluginConfig;
      clients: ClusterClients;
      collector: StatusCollector;
      store: InventoryStore;
      urlReader: UrlReaderService;
      logger: LoggerService;
    },
  ) {}

  /**
   * One refresh. When the apps repo or the store cannot be read at all the
   * refresh fails: the last good inventory stays, with the failure noted.
   */
  async refresh(
    now: () => Date = () => new Date(),
  ): Promise<Inventory | undefined> {
    const { config, store, logger } = this.deps;
    // Nothing to ask yet; the routes say what to configure.
    if (config.clusters.length === 0) return undefined;
    const started = Date.now();
    try {
      const previous = await store.databases();
      const inventory = await this.build(previous, now);
      await store.save(inventory);
      logger.info('Refreshed the PostgreSQL inventory', {
        databases: inventory.databases.length,
        problems: inventory.problems.length,
        removed: inventory.removed.length,
        commit: inventory.commit,
        durationMs: Date.now() - started,
      });
      return inventory;
    } catch (error) {
      const reason = (error as Error).message;
      logger.warn('Could not refresh the PostgreSQL inventory', {
        reason,
        appsRepoUrl: config.inventory.appsRepoUrl,
      });
      await store.recordFailure(now(), reason);
      throw error;
    }
  }

  private async build(
    previous: InventoryDatabase[],
    now: () => Date,
  ): Promise<Inventory> {
    const { config, clients, urlReader } = this.deps;
    const [repo, listings] = await Promise.all([
      config.inventory.appsRepoUrl
        ? readAppsRepo(urlReader, config.inventory.appsRepoUrl)
        : emptyRepo(),
      listAllNamespaces(clients, config.clusters),
    ]);
    const problems: InventoryProblem[] = [...repo.problems];
    const defined = new Map(
      repo.databases.map(d => [formatDatabaseRef(d.ref), d]),
    );
    const before = new Map(previous.map(d => [formatDatabaseRef(d), d]));
    const databases: InventoryDatabase[] = [];
    const limit = pLimit(config.inventory.concurrency);
    const checks: Array<Promise<InventoryDatabase | undefined>> = [];

    for (const listing of listings) {
      const refs = refsOf(listing, repo);
      if (listing.failure) {
        problems.push(listingProblem(listing));
        databases.push(
          ...previous.filter(d => d.namespace === listing.namespace),
        );
        continue;
      }
      for (const ref of refs) {
        const key = formatDatabaseRef(ref);
        checks.push(
          limit(() =>
            this.check(
              ref,
              listing,
              defined.get(key),
              before.get(key),
              repo,
              now,
            ).catch(error => {
              problems.push({ source: key, reason: (error as Error).message });
              return undefined;
            }),
          ),
        );
      }
    }
    for (const db of await Promise.all(checks)) if (db) databases.push(db);
    problems.push(...unservedDefinitions(repo, listings));

    databases.sort((a, b) =>
      formatDatabaseRef(a).localeCompare(formatDatabaseRef(b)),
    );
    markConflicts(databases);
    const marked = markChanges(databases, before);
    return {
      refreshedAt: now().toISOString(),
      commit: repo.commit,
      databases: marked.databases,
      removed: marked.removed,
      problems,
    };
  }

  /** One database: its live facts judged, joined with the apps repo. */
  private async check(
    ref: DatabaseRef,
    listing: NamespaceListing,
    definedAs: DefinedDatabase | undefined,
    before: InventoryDatabase | undefined,
    repo: AppsRepoSnapshot,
    now: () => Date,
  ): Promise<InventoryDatabase> {
    const owner = ownerOf(ref, definedAs, before, this.deps.config);
    // A removed definition's description is remembered, like its owner.
    const description = definedAs ? definedAs.description : before?.description;
    const usedBy = repo.uses.get(formatDatabaseRef(ref)) ?? [];
    const facts = await this.deps.collector.collect(ref, {
      definition: definedAs?.definition,
      usedBy,
      owner,
      description,
    });
    const status = evaluateStatus(facts, now());
    // When the resource could not be read, the namespace listing still says.
    const hasResource = facts.resource.ok
      ? Boolean(facts.resource.value)
      : listing.withResource.has(ref.name);
    const lifecycle = lifecycleOf(Boolean(definedAs), hasResource);
    return {
      namespace: ref.namespace,
      name: ref.name,
      database: status.database,
      cluster: listing.cluster.name,
      lifecycle,
      ...(definedAs ? { definition: definedAs.definition } : {}),
      ...(owner ? { owner } : {}),
      ...(description ? { description } : {}),
      usedBy,
      state: status.state,
      reason: verdictReason(status),
      knownErrors: status.knownErrors.map(e => e.id),
      checkedAt: status.checkedAt,
      change: 'new',
      conflicts: [],
    };
  }
}

function emptyRepo(): AppsRepoSnapshot {
  return { databases: [], uses: new Map(), problems: [] };
}

/** The namespace's databases: defined in the apps repo, or listed by the platform. */
function refsOf(listing: NamespaceListing, repo: AppsRepoSnapshot) {
  const refs = new Map<string, DatabaseRef>();
  for (const d of repo.databases) {
    if (d.ref.namespace === listing.namespace) refs.set(d.ref.name, d.ref);
  }
  for (const ref of listedRefs(listing)) refs.set(ref.name, ref);
  return [...refs.values()];
}

/** Definitions in namespaces no configured cluster serves. */
function unservedDefinitions(
  repo: AppsRepoSnapshot,
  listings: NamespaceListing[],
): InventoryProblem[] {
  const served = new Set(listings.map(l => l.namespace));
  return repo.databases
    .filter(d => !served.has(d.ref.namespace))
    .map(d => ({
      source: d.definition.valuesPath,
      reason: `defines database "${d.ref.name}" in namespace "${d.ref.namespace}", which no configured cluster serves (idpPostgres.clusters[].namespaces).`,
    }));
}
