import type { AuditorService } from '@backstage/backend-plugin-api';
import type { DatabaseAuthorizer } from '../access/DatabaseAuthorizer';
import type { PluginConfig } from '../config/pluginConfig';
import type { InventoryStore } from '../inventory/InventoryStore';
import type { RestoreService } from '../restore/RestoreService';
import type { GrantService } from '../service/GrantService';
import type { StatusService } from '../status/StatusService';

/**
 * What the actions need: the same instances the router uses, so a change
 * made through an action (`status.forget`) is seen by the REST API too.
 */
export interface ActionsOptions {
  config: PluginConfig;
  auditor: AuditorService;
  access: DatabaseAuthorizer;
  inventory: InventoryStore;
  grants: GrantService;
  status: StatusService;
  restore: RestoreService;
}
