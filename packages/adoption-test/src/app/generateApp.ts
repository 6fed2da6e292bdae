import fs from 'node:fs';
import path from 'node:path';
import { capture, runLogged } from '../runner/exec';

/**
 * Versions the generated app pins in its root `resolutions`, each because a
 * run failed without it. create-app cannot fetch its yarn.lock seed on these
 * machines, so the app floats to the newest release in each range rather
 * than the set its Backstage release was tested with.
 */
export const APP_PINS: Record<string, { version: string; why: string }> = {
  '@backstage/plugin-signals-backend': {
    version: '0.3.19',
    why: 'the newest (0.3.21) calls httpRouter.addWebSocketHandler, which the app\'s @backstage/backend-defaults 0.18 lacks: the backend stops at start-up with "httpRouter.addWebSocketHandler is not a function"',
  },
};

/**
 * Generates a new app with create-app, without installing (the README's
 * first step installs), and applies {@link APP_PINS}.
 */
export async function generateApp(options: {
  createAppBin: string;
  parentDir: string;
  name: string;
  logFile: string;
}): Promise<string> {
  const appDir = path.join(options.parentDir, options.name);
  await runLogged(
    process.execPath,
    [options.createAppBin, '--path', appDir, '--skip-install'],
    options.logFile,
    {
      cwd: options.parentDir,
      // create-app asks only for the name, and takes it from here.
      env: { ...process.env, BACKSTAGE_APP_NAME: options.name },
    },
  );
  const manifestFile = path.join(appDir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  manifest.resolutions = {
    ...manifest.resolutions,
    ...Object.fromEntries(
      Object.entries(APP_PINS).map(([name, pin]) => [name, pin.version]),
    ),
  };
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return appDir;
}

/**
 * Removes the scope's archives from Yarn's global cache. Every run publishes
 * the same versions with new contents, and Yarn would take an earlier run's
 * archive of `name@version` from its cache instead of the registry's.
 */
export function forgetCachedScope(
  appDir: string,
  env: NodeJS.ProcessEnv,
  scope: string,
): string[] {
  const cacheFolder = capture('yarn', ['config', 'get', 'cacheFolder'], {
    cwd: appDir,
    env,
  });
  if (!fs.existsSync(cacheFolder)) return [];
  const prefix = `${scope.replace('/', '-')}-`;
  const removed = fs
    .readdirSync(cacheFolder)
    .filter(name => name.startsWith(prefix));
  removed.forEach(name => fs.rmSync(path.join(cacheFolder, name)));
  return removed.map(name => path.join(cacheFolder, name));
}
