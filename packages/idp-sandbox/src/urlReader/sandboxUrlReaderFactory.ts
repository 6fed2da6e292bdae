import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  ReaderFactory,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import { AppsRepo } from '../reconciler/AppsRepo';
import { defaultStateDir, sandboxPaths } from '../state/sandboxPaths';
import { SandboxAppsRepoUrlReader } from './SandboxAppsRepoUrlReader';

/** The GitHub repository the sandbox's apps repo plays by default. @public */
export const DEFAULT_SANDBOX_APPS_REPO_URL =
  'https://github.com/jppol-idp/apps';

/**
 * A `UrlReader` factory that serves the apps repository's GitHub URLs from
 * the sandbox's local repo. Config: `idpPostgres.sandbox.stateDir` and
 * `idpPostgres.sandbox.appsRepoUrl` (default `https://github.com/jppol-idp/apps`).
 *
 * @public
 */
export const sandboxUrlReaderFactory: ReaderFactory = ({
  config,
  treeResponseFactory,
}) => {
  const stateDir =
    config.getOptionalString('idpPostgres.sandbox.stateDir') ??
    defaultStateDir();
  const reader = new SandboxAppsRepoUrlReader({
    repo: new AppsRepo(sandboxPaths(stateDir).appsRepo),
    repoUrl:
      config.getOptionalString('idpPostgres.sandbox.appsRepoUrl') ??
      DEFAULT_SANDBOX_APPS_REPO_URL,
    treeResponseFactory,
  });
  return [{ reader, predicate: url => reader.handles(url) }];
};

/**
 * Adds {@link sandboxUrlReaderFactory} to the backend's URL readers, ahead of
 * the GitHub reader. For the dev backend only.
 *
 * @public
 */
export const sandboxUrlReaderServiceFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return sandboxUrlReaderFactory;
  },
});
