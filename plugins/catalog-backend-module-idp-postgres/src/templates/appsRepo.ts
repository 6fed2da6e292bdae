import { InputError } from '@backstage/errors';
import { PLATFORM_CONFIG_KEY } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** The org's apps repo, as the templates' repository fields need it. @public */
export interface AppsRepo {
  /** `github.com`, or a GitHub Enterprise host. */
  host: string;
  owner: string;
  repo: string;
  branch: string;
  /** The scaffolder's `RepoUrlPicker` form: `host?owner=…&repo=…`. */
  repoUrl: string;
}

/** Where the platform's apps repo is configured, for both backend and catalog. */
export const APPS_REPO_CONFIG_KEY = `${PLATFORM_CONFIG_KEY}.appsRepoUrl`;

/**
 * Reads a GitHub tree URL, `https://<host>/<owner>/<repo>/tree/<branch>`,
 * the form `idpPostgres.platform.appsRepoUrl` has for the backend's
 * inventory. One setting names the apps repo for the inventory and for the
 * templates, so they cannot disagree.
 */
export function parseAppsRepoUrl(value: string): AppsRepo {
  const fail = (reason: string) =>
    new InputError(`Invalid config ${APPS_REPO_CONFIG_KEY}: ${reason}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail(`"${value}" is not a URL`);
  }
  if (url.protocol !== 'https:') {
    throw fail(`"${value}" must be an https URL`);
  }
  const [owner, repo, tree, ...branchParts] = url.pathname
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  if (!owner || !repo) {
    throw fail(`"${value}" names no owner and repository`);
  }
  if (tree !== undefined && tree !== 'tree') {
    throw fail(
      `"${value}" should have the form https://<host>/<owner>/<repo>/tree/<branch>`,
    );
  }
  // A branch may contain slashes; a path below the branch cannot be told
  // apart from it, and the inventory reads the repo's root anyway.
  const branch = branchParts.length ? branchParts.join('/') : 'main';
  const query = new URLSearchParams({ owner, repo });
  return {
    host: url.host,
    owner,
    repo,
    branch,
    repoUrl: `${url.host}?${query.toString()}`,
  };
}
