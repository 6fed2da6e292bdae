import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { capture, runLogged, startGroup, stopGroup } from '../runner/exec';
import { freePort } from '../runner/ports';

/** A local registry serving the published scope, proxying the rest. */
export interface LocalRegistry {
  url: string;
  /** A token that may publish; kept in a 0600 npmrc in the registry's folder. */
  npmrc: string;
  stop(): Promise<void>;
}

/**
 * The machine's configured registry, as npm reads it. Asked from `/`:
 * inside a Yarn workspace npm answers ENOWORKSPACES instead.
 */
export function machineRegistry(): string {
  return capture('npm', ['config', 'get', 'registry'], { cwd: '/' });
}

/**
 * Verdaccio's config: our scope is served only from local storage (never
 * looked up upstream), every other package is proxied to the machine's
 * registry. Written at run time into the registry's temporary folder.
 */
export function verdaccioConfig(dir: string, uplink: string): string {
  return stringify({
    storage: path.join(dir, 'storage'),
    auth: { htpasswd: { file: path.join(dir, 'htpasswd'), max_users: 1 } },
    uplinks: { machine: { url: uplink } },
    packages: {
      '@jppol-idp/*': { access: '$all', publish: '$authenticated' },
      '**': { access: '$all', proxy: 'machine' },
    },
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'http' },
  });
}

async function waitForPing(url: string, child: ChildProcess, log: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Verdaccio exited with ${child.exitCode}; see ${log}`);
    }
    try {
      if ((await fetch(`${url}/-/ping`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`Verdaccio did not answer within 60 s; see ${log}`);
}

/** Creates the publishing user and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = 'adoption-test';
  const res = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      // A throwaway account in a registry that lives for one run.
      password: `adoption-${Date.now()}`,
    }),
  });
  const body = (await res.json()) as { token?: string; error?: string };
  if (!res.ok || !body.token) {
    throw new Error(
      `Could not create the registry user: ${res.status} ${body.error}`,
    );
  }
  return body.token;
}

/** Starts Verdaccio on 127.0.0.1 and a free port, storage in `dir`. */
export async function startRegistry(options: {
  verdaccioBin: string;
  dir: string;
  logFile: string;
}): Promise<LocalRegistry> {
  const { dir, logFile } = options;
  const uplink = machineRegistry();
  const configFile = path.join(dir, 'config.yaml');
  fs.writeFileSync(configFile, verdaccioConfig(dir, uplink));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startGroup(
    process.execPath,
    [
      options.verdaccioBin,
      '--config',
      configFile,
      '--listen',
      `127.0.0.1:${port}`,
    ],
    logFile,
    { cwd: dir },
  );
  const stop = () => stopGroup(child, 10_000);
  try {
    await waitForPing(url, child, logFile);
    const token = await addUser(url);
    const npmrc = path.join(dir, 'npmrc');
    fs.writeFileSync(npmrc, `//127.0.0.1:${port}/:_authToken=${token}\n`, {
      mode: 0o600,
    });
    return { url, npmrc, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Publishes packed tarballs to the registry, as a release would with npm. */
export async function publishTarballs(
  registry: LocalRegistry,
  tarballs: string[],
  logFile: string,
): Promise<void> {
  for (const tarball of tarballs) {
    await runLogged(
      'npm',
      ['publish', tarball, '--registry', `${registry.url}/`],
      logFile,
      {
        cwd: path.dirname(registry.npmrc),
        env: { ...process.env, NPM_CONFIG_USERCONFIG: registry.npmrc },
      },
    );
  }
}
