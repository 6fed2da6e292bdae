import { createBackend } from '@backstage/backend-defaults';
import { ownersOnlyPolicyModule } from './permissions/ownersOnlyPolicyModule';
import { devSandboxFeatures } from './sandbox/devSandboxFeatures';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
// Every platform database as a Resource, owners from the apps repo.
backend.add(
  import('@jppol-idp/backstage-plugin-catalog-backend-module-idp-postgres'),
);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(ownersOnlyPolicyModule);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@jppol-idp/backstage-plugin-scaffolder-backend-module-idp-postgres'),
);
backend.add(import('@jppol-idp/backstage-plugin-idp-postgres-backend'));
// Notifications, live over signals: idp-postgres sends them when a watched database is ready.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// The actions plugins register (backend.actions.pluginSources) as MCP tools,
// at /api/mcp-actions/v1, for AI agents.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// The sandbox platform (and its stand-ins for GitHub), or the GitHub module.
backend.add(devSandboxFeatures);

backend.start();
