import { createConnectAppAction } from './connectApp/connectApp';
import { createCreateDatabaseAction } from './createDatabase/createDatabase';
import { createForceDeleteSecretsAction } from './forceDeleteSecrets/forceDeleteSecrets';
import { IdpPostgresActionOptions } from './actionOptions';
import { createPlanUpgradeAction } from './planUpgrade/planUpgrade';
import { createRemoveDatabaseAction } from './removeDatabase/removeDatabase';
import { createSetChartVersionAction } from './setChartVersion/setChartVersion';
import { createSetDeletionProtectionAction } from './setDeletionProtection/setDeletionProtection';
import { createWaitForDatabaseAction } from './waitForDatabase/waitForDatabase';

/** Every action of the module, created with the same options. */
export function createAllActions(options: IdpPostgresActionOptions) {
  return [
    createCreateDatabaseAction(options),
    createConnectAppAction(options),
    createSetChartVersionAction(options),
    createSetDeletionProtectionAction(options),
    createRemoveDatabaseAction(options),
    createWaitForDatabaseAction(options),
    createForceDeleteSecretsAction(options),
    createPlanUpgradeAction(options),
  ];
}
