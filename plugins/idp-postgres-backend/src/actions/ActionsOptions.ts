import type { ConnectionService } from '../connection/ConnectionService';
import type { PluginConfig } from '../config/pluginConfig';
import type { MonitoringService } from '../monitoring/MonitoringService';
import type { InventoryStore } from '../inventory/InventoryStore';
import type { OperationServices } from '../operations/OperationServices';

/**
 * What the actions need: the same instances the router uses, so a change
 * made through an action (`status.forget`) is seen by the REST API too.
 */
export interface ActionsOptions extends OperationServices {
  config: PluginConfig;
  inventory: InventoryStore;
  connection: ConnectionService;
  monitoring: MonitoringService;
}
