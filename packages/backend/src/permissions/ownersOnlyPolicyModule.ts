import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { OwnersOnlyPolicy } from './ownersOnlyPolicy';

/**
 * Installs {@link OwnersOnlyPolicy} as the permission backend's policy, with
 * the platform admins of `idpPostgres.access.platformAdmins`.
 */
export const ownersOnlyPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'owners-only-policy',
  register(env) {
    env.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
        config: coreServices.rootConfig,
      },
      async init({ policy, userInfo, config }) {
        policy.setPolicy(
          new OwnersOnlyPolicy(
            userInfo,
            config.getOptionalStringArray('idpPostgres.access.platformAdmins'),
          ),
        );
      },
    });
  },
});
