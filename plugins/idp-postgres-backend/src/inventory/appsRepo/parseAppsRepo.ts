import {
  CHART_NAME,
  DATABASE_ROLES,
  DatabaseDefinition,
  DatabaseRef,
  DatabaseRole,
  DatabaseUse,
  InventoryProblem,
  databaseRefProblems,
  readDatabaseEntry,
  roleName,
  valuesKeysRejectedByChart,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { parse } from 'yaml';
import { readCatalogInfo } from './catalogInfo';

/** One file of the apps repo, as read at one commit. */
export interface AppsRepoFile {
  /** Relative to the repo root, e.g. `team-a/orders/values.yaml`. */
  path: string;
  content: string;
}

/** A database defined in the apps repo, with what its folder says of it. */
export interface DefinedDatabase {
  ref: DatabaseRef;
  definition: DatabaseDefinition;
  /** `spec.owner` of the folder's `catalog-info.yaml`, as an entity ref. */
  owner?: { entityRef: string; path: string };
  description?: string;
}

/** Everything the inventory takes from the apps repo. */
export interface AppsRepoSnapshot {
  commit?: string;
  databases: DefinedDatabase[];
  /** Per database (`<namespace>/<name>`), the apps whose values read its secrets. */
  uses: Map<string, DatabaseUse[]>;
  problems: InventoryProblem[];
}

/** The files of a folder `<namespace>/<folder>/` the inventory reads. */
export const APPS_REPO_FILE =
  /^([^/]+)\/([^/]+)\/(application|values|catalog-info)\.yaml$/;

interface Folder {
  namespace: string;
  folder: string;
  files: Partial<Record<'application' | 'values' | 'catalog-info', string>>;
}

/**
 * Reads the apps repo's `<namespace>/<folder>/` files into database
 * definitions and secret uses. A folder that cannot be read is reported as a
 * problem with its reason; the rest of the repo still counts.
 */
export function parseAppsRepo(
  files: AppsRepoFile[],
  options: { commit?: string; fileUrl: (path: string) => string },
): AppsRepoSnapshot {
  const snapshot: AppsRepoSnapshot = {
    commit: options.commit,
    databases: [],
    uses: new Map(),
    problems: [],
  };
  const seen = new Map<string, string>();
  for (const folder of groupByFolder(files)) {
    const path = `${folder.namespace}/${folder.folder}`;
    try {
      const chartVersion = chartVersionOf(folder.files.application);
      const catalogInfo = readCatalogInfo(folder.files['catalog-info']);
      const values = parseValues(folder.files.values);
      if (chartVersion === undefined) {
        collectUses(folder, values, catalogInfo.component, snapshot.uses);
        continue;
      }
      // The whole file is rejected, so every database it defines is blocked.
      const rejectedValuesKeys = valuesKeysRejectedByChart(
        values,
        chartVersion,
      );
      for (const entry of databaseEntries(values)) {
        const ref = { namespace: folder.namespace, name: entry.name };
        const problems = databaseRefProblems(ref);
        if (problems.length > 0) {
          throw new Error(problems.map(p => p.message).join(' '));
        }
        const key = `${ref.namespace}/${ref.name}`;
        const other = seen.get(key);
        if (other) {
          snapshot.problems.push({
            source: `${path}/values.yaml`,
            reason: `Database "${entry.name}" is also defined in ${other}/values.yaml; the first definition counts.`,
          });
          continue;
        }
        seen.set(key, path);
        const valuesPath = `${path}/values.yaml`;
        const described = catalogInfo.databases.get(key) ?? catalogInfo.single;
        snapshot.databases.push({
          ref,
          definition: {
            folder: path,
            valuesPath,
            chartVersion,
            protected: entry.protected,
            commit: options.commit,
            url: options.fileUrl(valuesPath),
            ...(rejectedValuesKeys.length > 0 ? { rejectedValuesKeys } : {}),
          },
          owner: described?.owner
            ? { entityRef: described.owner, path: `${path}/catalog-info.yaml` }
            : undefined,
          description: described?.description,
        });
      }
    } catch (error) {
      snapshot.problems.push({
        source: path,
        reason: (error as Error).message,
      });
    }
  }
  return snapshot;
}

function groupByFolder(files: AppsRepoFile[]): Folder[] {
  const folders = new Map<string, Folder>();
  for (const file of files) {
    const match = APPS_REPO_FILE.exec(file.path);
    if (!match) continue;
    const [, namespace, folder, kind] = match;
    const key = `${namespace}/${folder}`;
    let entry = folders.get(key);
    if (!entry) {
      entry = { namespace, folder, files: {} };
      folders.set(key, entry);
    }
    entry.files[kind as keyof Folder['files']] = file.content;
  }
  return [...folders.values()].sort((a, b) =>
    `${a.namespace}/${a.folder}`.localeCompare(`${b.namespace}/${b.folder}`),
  );
}

/** The chart version when the folder deploys the database chart. */
function chartVersionOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const application = parseYaml(text, 'application.yaml') as {
    helm?: { chart?: unknown; chartVersion?: unknown };
  } | null;
  if (application?.helm?.chart !== CHART_NAME) return undefined;
  const version = application.helm.chartVersion;
  if (typeof version !== 'string' && typeof version !== 'number') {
    throw new Error(
      'application.yaml deploys the chart without a chartVersion.',
    );
  }
  return String(version);
}

function parseValues(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  const values = parseYaml(text, 'values.yaml');
  if (values === null || values === undefined) return {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    throw new Error('values.yaml is not a mapping.');
  }
  return values as Record<string, unknown>;
}

function databaseEntries(values: Record<string, unknown>) {
  const list = values.postgresqlDatabases;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    throw new Error('values.yaml: postgresqlDatabases is not a list.');
  }
  return list.map(raw => readDatabaseEntry(raw));
}

/** YAML without custom tags and with few aliases, so no file can blow up. */
export function parseYaml(text: string, name: string): unknown {
  try {
    return parse(text, { maxAliasCount: 50, customTags: [] });
  } catch (error) {
    throw new Error(`${name} is not valid YAML: ${(error as Error).message}`);
  }
}

const ROLE_SUFFIX = new RegExp(`-(${DATABASE_ROLES.join('|')})$`);

/**
 * Secret names an app's values read (`secretKeyRef.name`,
 * `secretRef.name`), kept when they are a database role's secret of the
 * app's own namespace: a pod cannot read another namespace's secrets.
 */
function collectUses(
  folder: Folder,
  values: Record<string, unknown>,
  component: string | undefined,
  uses: Map<string, DatabaseUse[]>,
) {
  const path = `${folder.namespace}/${folder.folder}`;
  const roles = new Map<string, Set<DatabaseRole>>();
  for (const secret of secretNames(values)) {
    const role = ROLE_SUFFIX.exec(secret)?.[1] as DatabaseRole | undefined;
    const prefix = `${folder.namespace}-`;
    if (!role || !secret.startsWith(prefix)) continue;
    const name = secret.slice(prefix.length, -role.length - 1);
    const ref = { namespace: folder.namespace, name };
    if (name === '' || roleName(ref, role) !== secret) continue;
    const key = `${folder.namespace}/${name}`;
    roles.set(key, (roles.get(key) ?? new Set()).add(role));
  }
  for (const [key, found] of roles) {
    const list = uses.get(key) ?? [];
    list.push({
      folder: path,
      valuesPath: `${path}/values.yaml`,
      roles: DATABASE_ROLES.filter(r => found.has(r)),
      entityRef: component ?? `component:default/${folder.folder}`,
    });
    uses.set(key, list);
  }
}

function secretNames(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) secretNames(item, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const name = (value as { name?: unknown } | null)?.name;
      if (
        (key === 'secretKeyRef' || key === 'secretRef') &&
        typeof name === 'string'
      ) {
        found.add(name);
      }
      secretNames(value, found);
    }
  }
  return found;
}
