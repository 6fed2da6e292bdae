import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SandboxLogger } from '../logging/SandboxLogger';
import { PostgresDistribution, postgresProgram } from './postgresDistribution';
import { canReach, OsUser } from './rootPermissions';
import { ensureSharedReadOnlyFolder } from './sharedFolder';

/** Where copies go by default: persistent, root-owned, enterable by all. */
export const DEFAULT_DISTRIBUTION_CACHE = '/var/cache/idp-sandbox';

const MANIFEST = '.idp-sandbox-manifest.json';

/** Every file's size and every link's target, to tell a whole copy from a partial one. */
type Manifest = Record<string, number | { link: string }>;

/**
 * The distribution as `user` can run it. As root the server runs as
 * `postgres`, which must enter every folder down to the binaries; a checkout
 * under a private folder such as `/root` (0700) blocks it. Then the
 * distribution is mirrored once into `cacheRoot` (hard links where the file
 * system allows, else copies), keyed by version and checked on every use.
 */
export function distributionReachableBy(
  user: OsUser,
  distribution: PostgresDistribution,
  cacheRoot: string,
  logger: SandboxLogger,
): PostgresDistribution {
  if (
    canReach(user, postgresProgram(distribution, 'postgres')) &&
    canReach(user, postgresProgram(distribution, 'initdb'))
  ) {
    return distribution;
  }
  ensureSharedReadOnlyFolder(cacheRoot);
  const target = path.join(
    cacheRoot,
    `postgresql-${distribution.version}-${process.platform}-${process.arch}`,
  );
  const cached = { dir: target, version: distribution.version };
  if (!isComplete(target)) {
    logger.info(
      'Copying the PostgreSQL binaries where the postgres user can run them',
      {
        from: distribution.dir,
        to: target,
      },
    );
    install(distribution.dir, target);
  }
  if (!canReach(user, postgresProgram(cached, 'postgres'))) {
    throw new Error(
      `The postgres user cannot run the PostgreSQL binaries in ${target} either; check the modes of the folders above it.`,
    );
  }
  return cached;
}

/**
 * Mirrors into a private temporary folder and renames it into place, so a
 * concurrent start (parallel test runs) never sees half a copy.
 */
function install(source: string, target: string) {
  const staging = `${target}.tmp-${process.pid}-${randomBytes(4).toString(
    'hex',
  )}`;
  try {
    const manifest: Manifest = {};
    mirror(source, staging, '', manifest);
    fs.writeFileSync(path.join(staging, MANIFEST), JSON.stringify(manifest), {
      mode: 0o644,
    });
    if (fs.existsSync(target)) {
      if (isComplete(target)) return; // another start finished first
      fs.rmSync(target, { recursive: true, force: true });
    }
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      if (!isComplete(target)) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function mirror(from: string, to: string, rel: string, manifest: Manifest) {
  fs.mkdirSync(to, { mode: 0o755 });
  fs.chmodSync(to, 0o755);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    const link = entry.isSymbolicLink() ? fs.readlinkSync(source) : undefined;
    if (entry.isDirectory()) {
      mirror(source, target, name, manifest);
    } else if (link !== undefined && !path.isAbsolute(link)) {
      // Library links are relative (libpq.so.5 -> libpq.so.5.17) and stay valid.
      fs.symlinkSync(link, target);
      manifest[name] = { link };
    } else {
      manifest[name] = copyReadable(source, target);
    }
  }
}

/** Hard-links a file others can read; copies (made readable) otherwise. */
function copyReadable(source: string, target: string): number {
  const stat = fs.statSync(source);
  if (stat.mode & 0o004) {
    try {
      fs.linkSync(source, target);
      return stat.size;
    } catch {
      // another file system, or links not allowed: copy instead
    }
  }
  fs.copyFileSync(source, target);
  const executable = stat.mode & 0o100 ? 0o111 : 0;
  fs.chmodSync(target, 0o644 | executable);
  return stat.size;
}

/**
 * Whether every file of the manifest is there with its size: cleaners of
 * temporary folders delete old files one by one, and an upgrade may rewrite
 * a hard-linked file.
 */
function isComplete(dir: string): boolean {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));
  } catch {
    return false;
  }
  return Object.entries(manifest).every(([name, expected]) => {
    const file = path.join(dir, name);
    try {
      if (typeof expected === 'number') {
        return fs.statSync(file).size === expected;
      }
      return fs.readlinkSync(file) === expected.link && fs.existsSync(file);
    } catch {
      return false;
    }
  });
}
