import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { AppsRepo } from '../reconciler/AppsRepo';
import { defaultStateDir, sandboxPaths } from '../state/sandboxPaths';
import { createLocalPublishPullRequestAction } from './publishPullRequestAction';

/**
 * Registers the local `publish:github:pull-request` with the scaffolder.
 * For the dev backend only: in production the GitHub module owns that id.
 *
 * Config: `idpPostgres.sandbox.stateDir` (default `.sandbox/` at the repo root) and
 * `idpPostgres.sandbox.publisher.autoMerge` (default true).
 *
 * @public
 */
export const sandboxPublisherModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'idp-sandbox-publisher',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ scaffolder, config, logger }) {
        const stateDir =
          config.getOptionalString('idpPostgres.sandbox.stateDir') ??
          defaultStateDir();
        const repo = new AppsRepo(sandboxPaths(stateDir).appsRepo);
        await repo.init();
        const autoMerge =
          config.getOptionalBoolean(
            'idpPostgres.sandbox.publisher.autoMerge',
          ) ?? true;
        scaffolder.addActions(
          createLocalPublishPullRequestAction({ repo, autoMerge }),
        );
        logger.warn(
          `publish:github:pull-request is the idp-sandbox stand-in: pull requests go to ${
            repo.dir
          }${autoMerge ? ' and are merged at once' : ''}`,
        );
      },
    });
  },
});
