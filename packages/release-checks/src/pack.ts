import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { PREPACK_BACKUP } from './stripPrivate';
import { Manifest, WorkspacePackage } from './workspace';

const LOCK_FILE = path.join(os.tmpdir(), 'release-checks-pack.lock');
const LOCK_WAIT_MS = 10 * 60 * 1000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Packing rewrites a package's package.json in place between prepack and
 * postpack. Two packs of one package at once would save the rewritten file
 * as the "original" and leave it behind, so packs on this machine take turns.
 */
function acquirePackLock(): () => void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(LOCK_FILE, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(LOCK_FILE, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(fs.readFileSync(LOCK_FILE, 'utf8'));
    if (!holder || !isAlive(holder)) {
      fs.rmSync(LOCK_FILE, { force: true });
    } else if (Date.now() > deadline) {
      throw new Error(`Another pack (pid ${holder}) holds ${LOCK_FILE}`);
    } else {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
}

/**
 * Runs `yarn pack` in the package folder, as publishing does, and returns
 * the tarball's path. Whatever happens, the package's own files end as they
 * began: a pack that fails between prepack and postpack is undone here.
 */
export function packPackage(pkg: WorkspacePackage, outDir: string): string {
  const manifestFile = path.join(pkg.dir, 'package.json');
  const backup = path.join(pkg.dir, PREPACK_BACKUP);
  const schema = path.join(pkg.dir, 'config.schema.json');
  const release = acquirePackLock();
  try {
    if (fs.existsSync(backup)) {
      throw new Error(
        `${backup} exists: an earlier pack did not finish. Check that package.json is the source version, then delete the backup`,
      );
    }
    const original = fs.readFileSync(manifestFile);
    const hadSchema = fs.existsSync(schema);
    const tarball = path.join(
      outDir,
      `${pkg.manifest.name.replace(/^@/, '').replace('/', '-')}.tgz`,
    );
    const result = spawnSync('yarn', ['pack', '--out', tarball], {
      cwd: pkg.dir,
      encoding: 'utf8',
    });
    const changed = !fs.readFileSync(manifestFile).equals(original);
    if (changed) fs.writeFileSync(manifestFile, original);
    fs.rmSync(backup, { force: true });
    if (!hadSchema) fs.rmSync(schema, { force: true });
    if (result.status !== 0) {
      throw new Error(
        `yarn pack failed in ${pkg.relDir}:\n${result.stdout}${result.stderr}`,
      );
    }
    if (changed) {
      throw new Error(
        `yarn pack left ${pkg.relDir}/package.json changed (restored): postpack did not undo prepack`,
      );
    }
    return tarball;
  } finally {
    release();
  }
}

/** The file paths (without the `package/` prefix) and the manifest inside a tarball. */
export function readTarball(file: string): {
  files: string[];
  manifest: Manifest;
} {
  const files: string[] = [];
  let manifestText = '';
  tar.t({
    file,
    sync: true,
    onReadEntry: entry => {
      const inner = entry.path.replace(/^package\//, '');
      if (entry.type === 'File') files.push(inner);
      if (inner === 'package.json') {
        entry.on('data', (chunk: Buffer) => {
          manifestText += chunk.toString('utf8');
        });
      }
    },
  });
  if (!manifestText) throw new Error(`${file} has no package/package.json`);
  return { files: files.sort(), manifest: JSON.parse(manifestText) };
}
