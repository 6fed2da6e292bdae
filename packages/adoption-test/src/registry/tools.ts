import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLogged } from '../runner/exec';

/**
 * The `@backstage/create-app` that generates an app of each Backstage
 * release (its `dist/package.json.cjs.js` says which). Add a row when the
 * repository moves to a new release in `backstage.json`.
 */
export const CREATE_APP_FOR_RELEASE: Record<string, string> = {
  '1.55.0': '0.9.2',
};

/** Verdaccio 6.10.4 needs Node 22 or later. */
export const VERDACCIO_VERSION = '6.10.4';

export interface Tools {
  dir: string;
  verdaccioBin: string;
  createAppBin: string;
}

/** The create-app version for the repository's Backstage release, or a clear error. */
export function createAppVersionFor(release: string): string {
  const version = CREATE_APP_FOR_RELEASE[release];
  if (!version) {
    throw new Error(
      `No @backstage/create-app is pinned for Backstage ${release} (backstage.json); add it to CREATE_APP_FOR_RELEASE in packages/adoption-test/src/registry/tools.ts`,
    );
  }
  return version;
}

/** The Backstage release a create-app package bundles. */
export function bundledRelease(createAppDir: string): string {
  const file = path.join(createAppDir, 'dist', 'package.json.cjs.js');
  const match = /version = "([^"]+)"/.exec(fs.readFileSync(file, 'utf8'));
  if (!match) throw new Error(`No release version in ${file}`);
  return match[1];
}

function manifestFor(createAppVersion: string) {
  return {
    private: true,
    description: 'Tools of the adoption test (packages/adoption-test)',
    dependencies: {
      verdaccio: VERDACCIO_VERSION,
      '@backstage/create-app': createAppVersion,
    },
    // verdaccio-audit asks for node-fetch by the dist-tag "cjs", which
    // registry mirrors may lack; 2.7.0 is the CommonJS release it means.
    overrides: { 'verdaccio-audit': { 'node-fetch': '2.7.0' } },
  };
}

/**
 * Installs Verdaccio and the release's create-app with npm into a cache
 * folder outside the repository (once per version pair), from the
 * machine's configured registry, and checks that create-app generates the
 * release in `backstage.json`.
 */
export async function installTools(
  release: string,
  logFile: string,
): Promise<Tools> {
  const createAppVersion = createAppVersionFor(release);
  const cacheRoot =
    process.env.ADOPTION_TEST_CACHE ??
    path.join(os.homedir(), '.cache', 'idp-adoption-test');
  const dir = path.join(
    cacheRoot,
    `tools-verdaccio-${VERDACCIO_VERSION}-create-app-${createAppVersion}`,
  );
  const tools: Tools = {
    dir,
    verdaccioBin: path.join(dir, 'node_modules/verdaccio/bin/verdaccio'),
    createAppBin: path.join(
      dir,
      'node_modules/@backstage/create-app/bin/backstage-create-app',
    ),
  };
  if (!fs.existsSync(path.join(dir, 'installed'))) {
    fs.mkdirSync(cacheRoot, { recursive: true });
    // Installed beside and renamed into place, so a killed run leaves no half copy.
    const temp = fs.mkdtempSync(`${dir}.partial-`);
    fs.writeFileSync(
      path.join(temp, 'package.json'),
      JSON.stringify(manifestFor(createAppVersion), null, 2),
    );
    await runLogged(
      'npm',
      ['install', '--no-audit', '--no-fund', '--no-package-lock'],
      logFile,
      { cwd: temp },
    );
    fs.writeFileSync(path.join(temp, 'installed'), new Date().toISOString());
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(temp, dir);
  }
  const bundled = bundledRelease(
    path.join(dir, 'node_modules/@backstage/create-app'),
  );
  if (bundled !== release) {
    throw new Error(
      `@backstage/create-app ${createAppVersion} generates Backstage ${bundled}, but backstage.json says ${release}`,
    );
  }
  return tools;
}
