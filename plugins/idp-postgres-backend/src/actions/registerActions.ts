import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ActionsOptions } from './ActionsOptions';
import { registerApplyGrantsAction } from './applyGrantsAction';
import { registerCheckDatabaseNameAction } from './checkDatabaseNameAction';
import { registerConnectionDetailsAction } from './connectionDetailsAction';
import { registerDatabaseMonitoringAction } from './databaseMonitoringAction';
import { registerDatabaseStatusAction } from './databaseStatusAction';
import { registerListDatabasesAction } from './listDatabasesAction';
import { registerPlanGrantsAction } from './planGrantsAction';
import { registerPlanRestoreAction } from './planRestoreAction';
import { registerRestoreSecretsAction } from './restoreSecretsAction';

/**
 * Registers the plugin's operations as actions in Backstage's actions
 * registry (ids `idp-postgres:<name>`), for automation and AI agents; the
 * MCP actions backend serves them as MCP tools. Each action checks the
 * caller's own credentials exactly as the matching REST route does.
 */
export function registerActions(
  registry: ActionsRegistryService,
  options: ActionsOptions,
): void {
  registerListDatabasesAction(registry, options);
  registerDatabaseStatusAction(registry, options);
  registerConnectionDetailsAction(registry, options);
  registerDatabaseMonitoringAction(registry, options);
  registerPlanGrantsAction(registry, options);
  registerPlanRestoreAction(registry, options);
  registerApplyGrantsAction(registry, options);
  registerRestoreSecretsAction(registry, options);
  registerCheckDatabaseNameAction(registry, options);
}
