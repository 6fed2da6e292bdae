import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  DatabaseRef,
  Inventory,
  InventoryDatabase,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import { migratedPluginDatabase } from '../service/pluginDatabase';

const DATABASES = 'inventory_databases';
const STATE = 'inventory_state';
const STATE_ID = 1;
/** Rows per INSERT; SQLite allows 999 bound values a statement. */
const INSERT_CHUNK = 100;

/** The inventory without its databases: when, from which commit, what failed. */
export type InventoryState = Omit<Inventory, 'databases'>;

/**
 * The inventory in the plugin's own database (`DatabaseService`), so every
 * replica reads what the one that refreshed wrote. A refresh replaces the
 * whole set in one transaction: readers see the old or the new, never half.
 */
export class InventoryStore {
  /**
   * Parsed lists per refresh and namespace: a refresh replaces everything
   * and moves `refreshedAt`, so a list read at one refresh stays right until
   * the next. Concurrent views of the same list share one read.
   */
  private readonly lists = new LRUCache<string, InventoryDatabase[]>({
    max: 64,
    fetchMethod: async key => {
      const namespace = key.slice(key.indexOf('|') + 1);
      return this.databases(namespace ? { namespace } : {});
    },
  });

  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<InventoryStore> {
    return new InventoryStore(await migratedPluginDatabase(database));
  }

  /** The state of the last refresh; undefined before the first ever. */
  async state(): Promise<InventoryState | undefined> {
    const row = await this.db(STATE).where({ id: STATE_ID }).first();
    return row ? (JSON.parse(row.body) as InventoryState) : undefined;
  }

  async databases(
    filter: { namespace?: string } = {},
  ): Promise<InventoryDatabase[]> {
    const query = this.db(DATABASES)
      .select('body')
      .orderBy(['namespace', 'name']);
    if (filter.namespace) query.where({ namespace: filter.namespace });
    const rows = await query;
    return rows.map(row => JSON.parse(row.body) as InventoryDatabase);
  }

  /** The databases as of one refresh (its `refreshedAt`), from memory when read before. */
  async databasesAt(
    refreshedAt: string,
    filter: { namespace?: string } = {},
  ): Promise<InventoryDatabase[]> {
    const list = await this.lists.fetch(
      `${refreshedAt}|${filter.namespace ?? ''}`,
    );
    return list ?? [];
  }

  async database(ref: DatabaseRef): Promise<InventoryDatabase | undefined> {
    const row = await this.db(DATABASES)
      .where({ namespace: ref.namespace, name: ref.name })
      .first();
    return row ? (JSON.parse(row.body) as InventoryDatabase) : undefined;
  }

  /** The databases of several refs in one query, in the order asked. */
  async databasesOf(
    refs: DatabaseRef[],
  ): Promise<Array<InventoryDatabase | undefined>> {
    if (refs.length === 0) return [];
    const rows: Array<{ body: string }> = await this.db(DATABASES)
      .select('body')
      .whereIn(
        ['namespace', 'name'],
        refs.map(r => [r.namespace, r.name]),
      );
    const found = new Map<string, InventoryDatabase>();
    for (const row of rows) {
      const db = JSON.parse(row.body) as InventoryDatabase;
      found.set(`${db.namespace}/${db.name}`, db);
    }
    return refs.map(r => found.get(`${r.namespace}/${r.name}`));
  }

  /** Replaces the whole inventory: the databases and the refresh state. */
  async save(inventory: Inventory): Promise<void> {
    const { databases, ...state } = inventory;
    await this.db.transaction(async tx => {
      await tx(DATABASES).delete();
      for (let i = 0; i < databases.length; i += INSERT_CHUNK) {
        await tx(DATABASES).insert(
          databases.slice(i, i + INSERT_CHUNK).map(db => ({
            namespace: db.namespace,
            name: db.name,
            body: JSON.stringify(db),
          })),
        );
      }
      await this.writeState(tx, state);
    });
  }

  /** Notes a failed refresh; the databases stay as the last good one left them. */
  async recordFailure(at: Date, reason: string): Promise<void> {
    await this.db.transaction(async tx => {
      const row = await tx(STATE).where({ id: STATE_ID }).first();
      const state: InventoryState = row
        ? JSON.parse(row.body)
        : { removed: [], problems: [] };
      await this.writeState(tx, {
        ...state,
        lastFailure: { at: at.toISOString(), reason },
      });
    });
  }

  private async writeState(tx: Knex.Transaction, state: InventoryState) {
    await tx(STATE)
      .insert({ id: STATE_ID, body: JSON.stringify(state) })
      .onConflict('id')
      .merge();
  }
}
