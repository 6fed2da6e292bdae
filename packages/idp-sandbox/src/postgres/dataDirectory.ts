import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SandboxLogger } from '../logging/SandboxLogger';
import { canReach, OsUser } from './rootPermissions';
import { ensureSharedReadOnlyFolder } from './sharedFolder';

/** Where clusters go by default when the state folder is out of reach. */
export const DEFAULT_RELOCATED_DATA_ROOT = '/var/lib/idp-sandbox';

/**
 * The cluster's folder for the server state in `dir`: `dir/data`, or the
 * folder the `dir/data` link points to when the cluster was relocated.
 */
export function dataDirectoryOf(dir: string): string {
  const link = path.join(dir, 'data');
  try {
    return fs.lstatSync(link).isSymbolicLink() ? fs.readlinkSync(link) : link;
  } catch {
    return link;
  }
}

/**
 * Creates the cluster's folder, owned by `owner` (the `postgres` OS user when
 * we run as root). That user must be able to enter every folder above it; when
 * it cannot enter `dir` (a state folder under `/root`, 0700), a new cluster
 * goes under `relocationRoot` instead, and `dir/data` links there so that
 * later starts and `yarn sandbox reset` find it.
 */
export function prepareDataDirectory(
  dir: string,
  owner: OsUser | undefined,
  relocationRoot: string,
  logger: SandboxLogger,
): string {
  const inPlace = path.join(dir, 'data');
  const current = dataDirectoryOf(dir);
  const initialised = fs.existsSync(path.join(current, 'PG_VERSION'));
  let dataDir = current;
  if (current !== inPlace) {
    ensureSharedReadOnlyFolder(path.dirname(current));
    if (!initialised) {
      logger.warn('The relocated sandbox cluster is gone; creating a new one', {
        dataDir: current,
      });
    }
  }
  if (owner && current === inPlace && !canReach(owner, dir)) {
    if (initialised) {
      throw new Error(
        `The postgres OS user cannot enter ${dir}, which holds the sandbox cluster. ` +
          `Give it access to the folders above (chmod o+x) or start afresh with \`yarn sandbox reset\`.`,
      );
    }
    dataDir = relocate(dir, relocationRoot);
    logger.info(
      'The postgres user cannot enter the state folder; the cluster lives elsewhere',
      {
        dataDir,
      },
    );
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (owner) fs.chownSync(dataDir, owner.uid, owner.gid);
  return dataDir;
}

function relocate(dir: string, relocationRoot: string): string {
  ensureSharedReadOnlyFolder(relocationRoot);
  const key = createHash('sha256').update(path.resolve(dir)).digest('hex');
  const dataDir = path.join(relocationRoot, key.slice(0, 16));
  // For whoever finds the folder: whose cluster it is.
  fs.writeFileSync(`${dataDir}.state-dir`, `${path.resolve(dir)}\n`);
  const link = path.join(dir, 'data');
  // Only an initdb that failed (no PG_VERSION) leaves a folder here.
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(dataDir, link);
  return dataDir;
}

/** Deletes the server state in `dir`, a relocated cluster included. */
export function removePostgresState(dir: string) {
  const dataDir = dataDirectoryOf(dir);
  if (dataDir !== path.join(dir, 'data')) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.state-dir`, { force: true });
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
