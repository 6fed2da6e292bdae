import fs from 'node:fs';
import path from 'node:path';
import { runLogged } from '../runner/exec';
import { StepContext } from '../runner/StepRunner';

/** The packages a release publishes: every non-private package under `plugins/`. */
export function publishedPackageNames(repoRoot: string): string[] {
  const dir = path.join(repoRoot, 'plugins');
  return fs
    .readdirSync(dir)
    .map(entry => path.join(dir, entry, 'package.json'))
    .filter(file => fs.existsSync(file))
    .map(file => JSON.parse(fs.readFileSync(file, 'utf8')))
    .filter(manifest => manifest.private !== true)
    .map(manifest => manifest.name as string)
    .sort();
}

/** The tarball name `release-check` gives a package: `@a/b` → `a-b.tgz`. */
export function tarballName(packageName: string): string {
  return `${packageName.replace(/^@/, '').replace('/', '-')}.tgz`;
}

/**
 * Writes the type declarations the builds need (root `yarn tsc`), then builds
 * and packs every published package with the repository's release check
 * (`backstage-cli package build` and `yarn pack` per package, taking turns
 * with other packs on this machine), into `outDir`.
 *
 * Type errors and the release check's findings are warnings here: CI's
 * `yarn tsc` and `yarn release:check` own them, and this test goes on to
 * show what they mean for an app. A package that did not pack fails.
 */
export async function buildAndPack(
  repoRoot: string,
  outDir: string,
  ctx: StepContext,
): Promise<string[]> {
  const env = { ...process.env, FORCE_COLOR: '0' };
  try {
    await runLogged('yarn', ['tsc'], ctx.logFile, { cwd: repoRoot, env });
  } catch {
    ctx.warn(
      'yarn tsc reported type errors (see the log); packing what it emitted',
    );
  }
  try {
    await runLogged(
      'node',
      ['packages/release-checks/bin/release-check', '--out', outDir],
      ctx.logFile,
      { cwd: repoRoot, env },
    );
  } catch {
    const findings = fs
      .readFileSync(ctx.logFile, 'utf8')
      .split('\n')
      .filter(line => /^\s*✗/.test(line));
    ctx.warn(
      `the release check found problems:\n${
        findings.join('\n') || '(see the log)'
      }`,
    );
  }
  return packedTarballs(repoRoot, outDir);
}

/**
 * The tarball of every published package in `dir`, as the release check
 * writes them (`yarn release:check --out <dir>`); throws naming any missing.
 */
export function packedTarballs(repoRoot: string, dir: string): string[] {
  const names = publishedPackageNames(repoRoot);
  const missing = names.filter(
    name => !fs.existsSync(path.join(dir, tarballName(name))),
  );
  if (missing.length > 0) {
    throw new Error(`Not packed: ${missing.join(', ')}`);
  }
  return names.map(name => path.join(dir, tarballName(name)));
}
