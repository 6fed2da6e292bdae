import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  DatabaseProgress,
  DatabaseWatch,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import pLimit from 'p-limit';
import type { PluginConfig } from '../config/pluginConfig';
import type { InventoryStore } from '../inventory/InventoryStore';
import type { ProgressReader } from './ProgressReader';
import {
  WatchOutcome,
  watchNotification,
  watchOutcome,
} from './watchNotification';
import type { StoredWatch, WatchStore } from './WatchStore';

/**
 * Checks every open watch with the progress logic and notifies the
 * database's owner and the requester once a watch ends. Runs right after
 * each inventory refresh, in the same scheduled task (one replica at a
 * time), so a watch is judged on the fresh definition and notified once.
 * Nothing here throws: a watch that cannot be checked or notified stays
 * and is tried again after the next refresh.
 */
export class WatchNotifier {
  constructor(
    private readonly deps: {
      config: PluginConfig;
      watches: WatchStore;
      progress: ProgressReader;
      inventory: InventoryStore;
      notifications: NotificationService;
      logger: LoggerService;
    },
  ) {}

  async checkAll(now: Date = new Date()): Promise<void> {
    let open: StoredWatch[];
    try {
      open = await this.deps.watches.list();
    } catch (error) {
      this.deps.logger.warn('Could not read the PostgreSQL database watches', {
        reason: (error as Error).message,
      });
      return;
    }
    const limit = pLimit(this.deps.config.inventory.concurrency);
    await Promise.all(open.map(stored => limit(() => this.check(stored, now))));
  }

  private async check(stored: StoredWatch, now: Date): Promise<void> {
    const { watch } = stored;
    const ref = { namespace: watch.namespace, name: watch.name };
    try {
      const progress = await this.deps.progress.progress(
        ref,
        watch.expect ?? 'ready',
        now,
      );
      const outcome = watchOutcome(watch, progress, now);
      if (!outcome) return;
      await this.notify(stored, progress, outcome);
      await this.deps.watches.remove(watch.id);
    } catch (error) {
      await this.giveUpWhenStale(watch, now, (error as Error).message);
    }
  }

  private async notify(
    stored: StoredWatch,
    progress: DatabaseProgress,
    outcome: WatchOutcome,
  ): Promise<void> {
    const { watch } = stored;
    const db = await this.deps.inventory.database(watch);
    const recipients = [
      ...new Set(
        [db?.owner?.entityRef ?? stored.owner, watch.requestedBy].filter(
          (r): r is string => Boolean(r),
        ),
      ),
    ];
    const meta = {
      watchId: watch.id,
      namespace: watch.namespace,
      name: watch.name,
      outcome,
    };
    if (recipients.length === 0) {
      this.deps.logger.info(
        'A PostgreSQL database watch ended with nobody to notify (no owner, no requester)',
        meta,
      );
      return;
    }
    await this.deps.notifications.send({
      recipients: { type: 'entity', entityRef: recipients },
      payload: watchNotification(watch, progress, outcome, this.deps.config),
    });
    this.deps.logger.info('Notified about a PostgreSQL database', {
      ...meta,
      recipients: recipients.join(','),
    });
  }

  /**
   * Keeps a watch that could not be checked or notified for another watch
   * period past its expiry, then drops it, so a notifications backend that
   * is never installed does not keep watches forever.
   */
  private async giveUpWhenStale(
    watch: DatabaseWatch,
    now: Date,
    reason: string,
  ): Promise<void> {
    const meta = {
      watchId: watch.id,
      namespace: watch.namespace,
      name: watch.name,
      reason,
    };
    const period = Date.parse(watch.expiresAt) - Date.parse(watch.createdAt);
    if (now.getTime() < Date.parse(watch.expiresAt) + period) {
      this.deps.logger.warn(
        'Could not check or notify a PostgreSQL database watch; trying again after the next inventory refresh',
        meta,
      );
      return;
    }
    this.deps.logger.warn(
      'Dropped a PostgreSQL database watch that could not be notified for a whole watch period past its expiry',
      meta,
    );
    await this.deps.watches.remove(watch.id).catch(() => undefined);
  }
}
