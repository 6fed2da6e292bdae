import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readSandboxConfig, SandboxConfig } from './sandboxConfig';

/** The files a Backstage backend reads by default, in the order they merge. */
const CONFIG_FILES = ['app-config.yaml', 'app-config.local.yaml'];

/**
 * `idpPostgres.sandbox` from the repository's `app-config.yaml` and
 * `app-config.local.yaml`, the files `yarn start` reads, so `yarn sandbox`
 * runs where the dev backend expects it. Environment substitutions
 * (`${VAR}`) are not resolved here; such a port is reported as invalid.
 *
 * @public
 */
export function readRepoSandboxConfig(rootDir: string): SandboxConfig {
  let merged: unknown = undefined;
  const read: string[] = [];
  for (const name of CONFIG_FILES) {
    const file = path.join(rootDir, name);
    if (!fs.existsSync(file)) continue;
    const doc = parse(fs.readFileSync(file, 'utf8')) as
      | { idpPostgres?: { sandbox?: unknown } }
      | undefined;
    merged = mergeConfig(merged, doc?.idpPostgres?.sandbox);
    read.push(name);
  }
  return readSandboxConfig(merged, {
    rootDir,
    source: read.length ? read.join(' + ') : 'app-config.yaml (missing)',
  });
}

/** Backstage's merge: objects merge key by key, anything else is replaced. */
function mergeConfig(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isObject(base) && isObject(over)) {
    const result: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) {
      result[key] = mergeConfig(base[key], value);
    }
    return result;
  }
  return over;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
