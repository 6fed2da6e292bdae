import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import {
  sandboxPublisherModule,
  sandboxUrlReaderServiceFactory,
} from '@jppol-idp/idp-sandbox';
import { readDevSandboxConfig } from './devSandboxConfig';
import { idpPostgresSandboxModule } from './idpPostgresSandboxModule';

/**
 * With `idpPostgres.sandbox.enabled`, the sandbox plays the platform and
 * GitHub: it runs inside the backend, pull requests go to its local apps
 * repo, and GitHub URLs of that repo are read from it. Otherwise the GitHub
 * module publishes real pull requests.
 */
export const devSandboxFeatures = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (readDevSandboxConfig(config).enabled) {
      yield idpPostgresSandboxModule;
      yield sandboxPublisherModule;
      yield sandboxUrlReaderServiceFactory;
    } else {
      yield import('@backstage/plugin-scaffolder-backend-module-github');
    }
  },
});
