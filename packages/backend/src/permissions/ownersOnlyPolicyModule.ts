import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { OwnersOnlyPolicy } from './ownersOnlyPolicy';

/** Installs {@link OwnersOnlyPolicy} as the permission backend's policy. */
export const ownersOnlyPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'owners-only-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new OwnersOnlyPolicy(userInfo));
      },
    });
  },
});
