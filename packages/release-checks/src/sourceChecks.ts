import fs from 'node:fs';
import path from 'node:path';
import { checkApiReport, expectedReportFiles } from './checks/apiReports';
import { checkBackstageRanges, lockedVersions } from './checks/backstageRanges';
import { ManifestContext, checkMetadata } from './checks/manifest';
import { checkPluginPackages } from './checks/pluginPackages';
import {
  WorkspacePackage,
  privatePackageNames,
  readManifest,
} from './workspace';

/** The prepack step that keeps private packages and the Jest setup out of a tarball. */
export const STRIP_PRIVATE_STEP = 'prepack-strip-private';

/** What every published package is checked against, from the workspace root. */
export function manifestContext(
  root: string,
  pkg: WorkspacePackage,
): ManifestContext {
  return {
    relDir: pkg.relDir,
    repositoryUrl: readManifest(path.join(root, 'package.json')).repository
      ?.url,
    hasConfigDeclaration: fs.existsSync(path.join(pkg.dir, 'config.d.ts')),
  };
}

/** The version of a package installed at the workspace root, if any. */
export function installedVersion(
  root: string,
  name: string,
): string | undefined {
  const file = path.join(root, 'node_modules', name, 'package.json');
  return fs.existsSync(file) ? readManifest(file).version : undefined;
}

/** Problems with the checked-in API reports of a package. */
export function checkApiReports(pkg: WorkspacePackage): string[] {
  return expectedReportFiles(pkg.manifest).flatMap(file => {
    const full = path.join(pkg.dir, file);
    if (!fs.existsSync(full)) {
      return [`${file} is missing: run "yarn build:api-reports"`];
    }
    return checkApiReport(file, fs.readFileSync(full, 'utf8'));
  });
}

/**
 * A package whose manifest names a private workspace package (a
 * devDependency, the Jest setup) must strip it when packed: its prepack runs
 * the strip step after Backstage's own.
 */
export function checkPrivateReferences(
  pkg: WorkspacePackage,
  privateNames: string[],
): string[] {
  const { scripts, ...fields } = pkg.manifest;
  const text = JSON.stringify(fields);
  const devDependencies = Object.keys(fields.devDependencies ?? {});
  const named = privateNames.filter(
    name =>
      devDependencies.includes(name) ||
      (name.startsWith('@') && text.includes(name)),
  );
  if ('jest' in fields) named.push('a "jest" field');
  const prepack: string = scripts?.prepack ?? '';
  const strips = new RegExp(
    `^backstage-cli package prepack && .*${STRIP_PRIVATE_STEP}$`,
  );
  if (named.length === 0 || strips.test(prepack)) return [];
  return [
    `names ${named.join(
      ', ',
    )}, but its prepack does not run ${STRIP_PRIVATE_STEP} after "backstage-cli package prepack"`,
  ];
}

/**
 * Problems in the published packages' sources, keyed by package name:
 * metadata, plugin package lists, `@backstage/*` ranges against the release
 * the workspace is on, API reports, and private names the pack must strip.
 * Fast, needs no build.
 */
export function checkSources(
  root: string,
  published: WorkspacePackage[],
  all: WorkspacePackage[],
): Map<string, string[]> {
  const privateNames = privatePackageNames(all);
  const problems = checkPluginPackages(published.map(p => p.manifest));
  const locked = lockedVersions(
    fs.readFileSync(path.join(root, 'yarn.lock'), 'utf8'),
  );
  for (const pkg of published) {
    const found = [
      ...checkMetadata(pkg.manifest, manifestContext(root, pkg)),
      ...checkBackstageRanges(
        pkg.manifest,
        name => installedVersion(root, name),
        locked,
      ),
      ...checkApiReports(pkg),
      ...checkPrivateReferences(pkg, privateNames),
    ];
    const name = pkg.manifest.name;
    if (found.length > 0) {
      problems.set(name, [...(problems.get(name) ?? []), ...found]);
    }
  }
  return problems;
}
