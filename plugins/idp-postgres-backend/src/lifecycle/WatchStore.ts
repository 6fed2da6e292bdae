import { randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  DatabaseWatch,
  DatabaseWatchRequest,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { Knex } from 'knex';
import { migratedPluginDatabase } from '../service/pluginDatabase';

const WATCHES = 'lifecycle_watches';

/** A watch with what is kept of it beside the API's shape. */
export interface StoredWatch {
  watch: DatabaseWatch;
  /** The database's owner when the watch was made, if the inventory knew one. */
  owner?: string;
}

/**
 * Open watches in the plugin's own database, so the replica that runs the
 * inventory refresh sees those made through any replica. A watch is
 * deleted once its notification is sent.
 */
export class WatchStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<WatchStore> {
    return new WatchStore(await migratedPluginDatabase(database));
  }

  /**
   * Records a watch. A requester asking again about the same database and
   * expectation while their watch is open (a template run twice) gets that
   * watch back with the new link and expiry, so they are notified once.
   */
  async add(
    request: DatabaseWatchRequest & { requestedBy?: string },
    options: { now: Date; watchMs: number; owner?: string },
  ): Promise<DatabaseWatch> {
    const { now, watchMs, owner } = options;
    const expect = request.expect ?? 'ready';
    const createdAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + watchMs).toISOString();
    return this.db.transaction(async tx => {
      const open = await this.openFor(tx, request, expect);
      const watch: DatabaseWatch = {
        id: open?.id ?? randomUUID(),
        namespace: request.namespace,
        name: request.name,
        expect,
        ...(request.link ? { link: request.link } : {}),
        ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}),
        createdAt: open?.createdAt ?? createdAt,
        expiresAt,
      };
      const row = {
        namespace: watch.namespace,
        name: watch.name,
        expires_at: expiresAt,
        owner: owner ?? null,
        body: JSON.stringify(watch),
      };
      if (open) await tx(WATCHES).where({ id: open.id }).update(row);
      else await tx(WATCHES).insert({ id: watch.id, ...row });
      return watch;
    });
  }

  /** Every open watch, oldest expiry first. */
  async list(): Promise<StoredWatch[]> {
    const rows = await this.db(WATCHES)
      .select('body', 'owner')
      .orderBy('expires_at');
    return rows.map(row => ({
      watch: JSON.parse(row.body) as DatabaseWatch,
      ...(row.owner ? { owner: row.owner as string } : {}),
    }));
  }

  async remove(id: string): Promise<void> {
    await this.db(WATCHES).where({ id }).delete();
  }

  private async openFor(
    tx: Knex.Transaction,
    request: DatabaseWatchRequest & { requestedBy?: string },
    expect: string,
  ): Promise<DatabaseWatch | undefined> {
    const rows = await tx(WATCHES)
      .select('body')
      .where({ namespace: request.namespace, name: request.name });
    return rows
      .map(row => JSON.parse(row.body) as DatabaseWatch)
      .find(
        w =>
          w.expect === expect &&
          (w.requestedBy ?? '') === (request.requestedBy ?? ''),
      );
  }
}
