import fs from 'node:fs';
import path from 'node:path';
import {
  Manifest,
  findWorkspaceRoot,
  listWorkspacePackages,
  privatePackageNames,
} from './workspace';

/** Where `backstage-cli package prepack` keeps the original package.json until postpack. */
export const PREPACK_BACKUP = 'package.json-prepack';

const RUNTIME_FIELDS = [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

/**
 * The manifest to publish, without what only this repository's own tests
 * need: the `jest` field (its global setup lives in the private sandbox) and
 * devDependencies on private workspace packages, which no registry serves.
 * A private package in a runtime dependency field cannot be stripped without
 * breaking the published package, so that is an error.
 */
export function stripPrivateFields(
  manifest: Manifest,
  privateNames: string[],
): Manifest {
  for (const field of RUNTIME_FIELDS) {
    const leaked = Object.keys(manifest[field] ?? {}).filter(name =>
      privateNames.includes(name),
    );
    if (leaked.length > 0) {
      throw new Error(
        `${manifest.name} has the private package(s) ${leaked.join(
          ', ',
        )} in ${field}; a published package cannot depend on them`,
      );
    }
  }
  const { jest: _jest, ...rest } = manifest;
  if (rest.devDependencies) {
    rest.devDependencies = Object.fromEntries(
      Object.entries(rest.devDependencies).filter(
        ([name]) => !privateNames.includes(name),
      ),
    );
  }
  return rest;
}

/**
 * The prepack step that runs after `backstage-cli package prepack` in
 * `packageDir`. It edits package.json in place only when Backstage's backup
 * exists, so `backstage-cli package postpack` restores the original and a
 * run outside a pack cannot lose the source manifest.
 */
export function runPrepackStrip(packageDir: string): string[] {
  const backup = path.join(packageDir, PREPACK_BACKUP);
  if (!fs.existsSync(backup)) {
    throw new Error(
      `${backup} is missing: run this after "backstage-cli package prepack", which keeps the original package.json there`,
    );
  }
  const file = path.join(packageDir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  const root = findWorkspaceRoot(path.dirname(packageDir));
  const privateNames = privatePackageNames(listWorkspacePackages(root));
  const stripped = stripPrivateFields(manifest, privateNames);
  fs.writeFileSync(file, `${JSON.stringify(stripped, null, 2)}\n`);
  return Object.keys(manifest.devDependencies ?? {})
    .filter(name => privateNames.includes(name))
    .concat('jest' in manifest ? ['jest'] : []);
}

/**
 * Puts the source package.json back when the pack fails after Backstage's
 * prepack: Yarn runs no postpack after a failed prepack, and the rewritten
 * manifest (entry points in dist/) would otherwise stay in the repository.
 */
export function undoPrepack(packageDir: string): void {
  const backup = path.join(packageDir, PREPACK_BACKUP);
  if (!fs.existsSync(backup)) return;
  fs.renameSync(backup, path.join(packageDir, 'package.json'));
  fs.rmSync(path.join(packageDir, 'config.schema.json'), { force: true });
}
