import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { InventoryRefresher } from './InventoryRefresher';

/** The scheduler task's id; tests and operators trigger it by this name. */
export const INVENTORY_REFRESH_TASK_ID = 'idp-postgres-inventory-refresh';

/** A refresh of many databases may take a while; one stuck is cut off here. */
const REFRESH_TIMEOUT_MINUTES = 15;

/**
 * Refreshes the inventory on one replica at a time: a `global` task is
 * locked through Backstage's database, so however many replicas run, the
 * platform is asked once per interval. It runs at start-up too.
 */
export async function scheduleInventoryRefresh(options: {
  scheduler: SchedulerService;
  intervalMs: number;
  refresher: InventoryRefresher;
  /**
   * Runs after every refresh, failed ones too, in the same task: on the
   * replica that holds the lock, with the inventory just written. Must not
   * throw.
   */
  afterRefresh?: () => Promise<void>;
}): Promise<void> {
  await options.scheduler.scheduleTask({
    id: INVENTORY_REFRESH_TASK_ID,
    scope: 'global',
    frequency: { milliseconds: options.intervalMs },
    timeout: { minutes: REFRESH_TIMEOUT_MINUTES },
    fn: async () => {
      // A failure is recorded by the refresher and logged; the last good
      // inventory stays. Rethrowing would only add a second log line.
      await options.refresher.refresh().catch(() => undefined);
      await options.afterRefresh?.();
    },
  });
}
