import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkTarballFiles } from './checks/files';
import { checkPackedManifest } from './checks/manifest';
import { checkPluginPackages } from './checks/pluginPackages';
import { packPackage, readTarball } from './pack';
import { checkSources, manifestContext } from './sourceChecks';
import {
  Manifest,
  WorkspacePackage,
  findWorkspaceRoot,
  listWorkspacePackages,
  privatePackageNames,
  publishedPackages,
} from './workspace';

const USAGE = `Usage: yarn release:check [--no-build] [--out <dir>]

Builds and packs every published package (plugins/*) with yarn pack, as a
release would, and checks each tarball: no workspace: ranges, nothing that
names a private package, the metadata registries and Backstage read, and
only the files an app needs. Needs the type declarations of "yarn tsc".

  --no-build   pack the dist/ folders as they are
  --out <dir>  keep the tarballs in <dir> (default: a temporary folder)
`;

function build(pkg: WorkspacePackage, root: string): string[] {
  if (!fs.existsSync(path.join(root, 'dist-types', pkg.relDir))) {
    return [`dist-types/${pkg.relDir} is missing: run "yarn tsc" first`];
  }
  const result = spawnSync('yarn', ['run', 'build'], {
    cwd: pkg.dir,
    encoding: 'utf8',
  });
  return result.status === 0
    ? []
    : [`build failed:\n${result.stdout}${result.stderr}`];
}

function report(problems: Map<string, string[]>, heading: string): number {
  let count = 0;
  for (const [name, list] of problems) {
    for (const problem of list) {
      process.stdout.write(`  ✗ ${name}: ${heading}${problem}\n`);
      count += 1;
    }
  }
  return count;
}

export async function main(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const outIndex = args.indexOf('--out');
  const outDir =
    outIndex >= 0
      ? path.resolve(args[outIndex + 1])
      : fs.mkdtempSync(path.join(os.tmpdir(), 'release-check-'));
  fs.mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const root = findWorkspaceRoot(process.cwd());
  const all = listWorkspacePackages(root);
  const published = publishedPackages(all);
  const privateNames = privatePackageNames(all);

  let failures = report(checkSources(root, published, all), 'source: ');
  const packed: Manifest[] = [];
  for (const pkg of published) {
    const name = pkg.manifest.name;
    const problems = args.includes('--no-build') ? [] : build(pkg, root);
    if (problems.length === 0) {
      try {
        const { files, manifest } = readTarball(packPackage(pkg, outDir));
        packed.push(manifest);
        problems.push(
          ...checkPackedManifest(
            manifest,
            manifestContext(root, pkg),
            privateNames,
          ),
          ...checkTarballFiles(files, manifest),
        );
        process.stdout.write(
          `${problems.length ? '✗' : '✓'} ${name}@${manifest.version}: ${
            files.length
          } files\n`,
        );
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    failures += report(new Map([[name, problems]]), 'tarball: ');
  }
  failures += report(checkPluginPackages(packed), 'tarball: ');
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(
    `${published.length} packages, ${failures} problems, ${seconds} s${
      outIndex >= 0 ? `; tarballs in ${outDir}` : ''
    }\n`,
  );
  if (outIndex < 0) fs.rmSync(outDir, { recursive: true, force: true });
  return failures === 0 ? 0 : 1;
}
