import semver from 'semver';
import { Manifest } from '../workspace';

const DEPENDENCY_FIELDS = [
  'dependencies',
  'peerDependencies',
  'devDependencies',
] as const;

/**
 * The versions yarn.lock resolves each npm package to. Yarn 4's lockfile
 * puts every entry's descriptors on one unindented line (`"a@npm:^1, a@npm:^2":`)
 * followed by an indented `version:` line; that is all this reads.
 */
export function lockedVersions(lockfile: string): Map<string, Set<string>> {
  const versions = new Map<string, Set<string>>();
  let names: string[] = [];
  for (const line of lockfile.split('\n')) {
    if (/^\S.*:$/.test(line)) {
      names = line
        .slice(0, -1)
        .replace(/"/g, '')
        .split(', ')
        .map(descriptor => /^(@?[^@]+)@npm:/.exec(descriptor)?.[1])
        .filter((n): n is string => Boolean(n));
    } else {
      const version = /^ {2}version: (\S+)$/.exec(line)?.[1];
      for (const name of version ? names : []) {
        versions.set(name, (versions.get(name) ?? new Set()).add(version!));
      }
    }
  }
  return versions;
}

/**
 * Problems with a package's `@backstage/*` ranges against the Backstage
 * release the repository is on (`backstage.json`), whose versions are the
 * ones installed here. A range that excludes the release's version makes an
 * app on that release install a second copy of the package, which breaks
 * shared API refs and extension points.
 */
export function checkBackstageRanges(
  m: Manifest,
  installed: (name: string) => string | undefined,
  locked: Map<string, Set<string>>,
): string[] {
  const problems: string[] = [];
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries<string>(m[field] ?? {})) {
      if (!name.startsWith('@backstage/')) continue;
      const version = installed(name);
      if (!version) {
        problems.push(`${field}: ${name} is not installed in the workspace`);
        continue;
      }
      if (!semver.satisfies(version, range)) {
        problems.push(
          `${field}: ${name} "${range}" excludes ${version}, the version of the release this repository is on`,
        );
      }
      const copies = [...(locked.get(name) ?? [])];
      if (copies.length > 1) {
        problems.push(
          `${field}: yarn.lock resolves ${name} to ${copies.join(
            ' and ',
          )}; an app would carry both`,
        );
      }
    }
  }
  return problems;
}
