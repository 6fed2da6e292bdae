import fs from 'node:fs';
import path from 'node:path';

/** A package.json as read from disk or from a tarball. */
export type Manifest = Record<string, any>;

/** One package of the Yarn workspace. */
export interface WorkspacePackage {
  /** Absolute path of the package folder. */
  dir: string;
  /** Path from the workspace root, with forward slashes (`plugins/x`). */
  relDir: string;
  manifest: Manifest;
}

export function readManifest(file: string): Manifest {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The first folder at or above `from` whose package.json declares workspaces. */
export function findWorkspaceRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && readManifest(file).workspaces) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`No Yarn workspace root above ${from}`);
    }
  }
}

/**
 * Every package of the workspace. The root's patterns are all of the form
 * `folder/*`, which is all this reads; anything else is refused rather than
 * silently matching fewer packages.
 */
export function listWorkspacePackages(root: string): WorkspacePackage[] {
  const { workspaces } = readManifest(path.join(root, 'package.json'));
  const patterns: string[] = Array.isArray(workspaces)
    ? workspaces
    : workspaces.packages;
  const packages: WorkspacePackage[] = [];
  for (const pattern of patterns) {
    const match = /^([\w.-]+)\/\*$/.exec(pattern);
    if (!match) {
      throw new Error(`Unsupported workspace pattern "${pattern}"`);
    }
    const parent = path.join(root, match[1]);
    if (!fs.existsSync(parent)) continue;
    for (const entry of fs.readdirSync(parent).sort()) {
      const file = path.join(parent, entry, 'package.json');
      if (!fs.existsSync(file)) continue;
      packages.push({
        dir: path.dirname(file),
        relDir: `${match[1]}/${entry}`,
        manifest: readManifest(file),
      });
    }
  }
  return packages;
}

/** Names of the workspace's private packages: none of them may leak into a published one. */
export function privatePackageNames(packages: WorkspacePackage[]): string[] {
  return packages
    .filter(p => p.manifest.private === true)
    .map(p => p.manifest.name)
    .sort();
}

/** The packages that are published: every non-private package under `plugins/`. */
export function publishedPackages(
  packages: WorkspacePackage[],
): WorkspacePackage[] {
  return packages.filter(
    p => p.relDir.startsWith('plugins/') && p.manifest.private !== true,
  );
}
