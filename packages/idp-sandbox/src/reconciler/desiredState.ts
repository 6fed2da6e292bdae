import {
  CHART_NAME,
  DatabaseEntry,
  deriveDatabaseNames,
  parseChartVersion,
  readDatabaseEntry,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { parse } from 'yaml';
import { AppsRepo } from './AppsRepo';

/**
 * Chart versions the sandbox's "chart repository" has. An application naming
 * any other version fails to sync, as ArgoCD fails to fetch a missing chart.
 *
 * @public
 */
export const KNOWN_CHART_VERSIONS = [
  '0.4.1',
  '0.5.0',
  '1.0.1',
  '1.0.2',
  '1.0.3',
  '1.0.4',
];

// Keys ArgoCD sets for every application; everything else is the user's.
const PLATFORM_KEYS = ['global', 'idp_oidc_provider_url', 'idp_aws_account'];
const DIALECT_KEYS = {
  'name-only': ['name'],
  'deletion-protection': ['name', 'deletionProtection'],
  mode: ['name', 'mode'],
};

/** One chart application in the apps repo, validated. */
export interface DesiredApplication {
  namespace: string;
  folder: string;
  chartVersion: string;
  /** The databases, when the application is valid. */
  databases: DatabaseEntry[];
  /** Why the controller rejects the values, when it does. */
  error?: string;
  /** Entry names found even in invalid values, to report the error on. */
  entryNames: string[];
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Validates one application's values against its chart version's schema. */
export function validateApplication(
  namespace: string,
  folder: string,
  chartVersion: string,
  valuesText: string | undefined,
  knownVersions: string[] = KNOWN_CHART_VERSIONS,
): DesiredApplication {
  const app: DesiredApplication = {
    namespace,
    folder,
    chartVersion,
    databases: [],
    entryNames: [],
  };
  let values: Record<string, unknown>;
  try {
    values = (parse(valuesText ?? '') ?? {}) as Record<string, unknown>;
  } catch (e) {
    return {
      ...app,
      error: `values.yaml is not valid YAML: ${errorMessage(e)}`,
    };
  }
  const rawEntries = Array.isArray(values.postgresqlDatabases)
    ? values.postgresqlDatabases
    : [];
  app.entryNames = rawEntries
    .map(e => (e as { name?: unknown })?.name)
    .filter((n): n is string => typeof n === 'string');
  try {
    if (!knownVersions.includes(chartVersion)) {
      throw new Error(
        `chart ${CHART_NAME} version "${chartVersion}" not found; known versions: ${knownVersions.join(
          ', ',
        )}`,
      );
    }
    const { dialect } = parseChartVersion(chartVersion);
    const unknown = Object.keys(values).filter(
      k => k !== 'postgresqlDatabases' && !PLATFORM_KEYS.includes(k),
    );
    if (unknown.length > 0) {
      throw new Error(
        `values don't meet the specifications of the schema: additional property "${unknown[0]}" is not allowed`,
      );
    }
    if (
      values.postgresqlDatabases !== undefined &&
      !Array.isArray(values.postgresqlDatabases)
    ) {
      throw new Error('postgresqlDatabases must be a list');
    }
    const seen = new Set<string>();
    for (const raw of rawEntries) {
      const entry = readDatabaseEntry(raw);
      const extra = Object.keys(raw as object).filter(
        k => !DIALECT_KEYS[dialect].includes(k),
      );
      if (extra.length > 0) {
        throw new Error(
          `Database "${entry.name}": chart ${chartVersion} does not know the key "${extra[0]}"`,
        );
      }
      deriveDatabaseNames({ namespace, name: entry.name });
      if (seen.has(entry.name))
        throw new Error(`Database "${entry.name}" is listed twice`);
      seen.add(entry.name);
      app.databases.push(entry);
    }
  } catch (e) {
    return { ...app, databases: [], error: errorMessage(e) };
  }
  return app;
}

/**
 * Every `<namespace>/<folder>/application.yaml` at a commit whose chart is the
 * database chart, with its values validated.
 */
export async function readDesiredState(
  repo: AppsRepo,
  commit: string,
  knownVersions?: string[],
): Promise<DesiredApplication[]> {
  const files = await repo.listFiles(commit);
  const apps: DesiredApplication[] = [];
  for (const file of files) {
    const parts = file.split('/');
    if (parts.length !== 3 || parts[2] !== 'application.yaml') continue;
    const [namespace, folder] = parts;
    let application:
      | { helm?: { chart?: string; chartVersion?: unknown } }
      | undefined;
    try {
      application = parse((await repo.readFile(commit, file)) ?? '');
    } catch {
      continue; // not ours to judge: ArgoCD would fail it for every chart
    }
    if (application?.helm?.chart !== CHART_NAME) continue;
    const values = await repo.readFile(
      commit,
      `${namespace}/${folder}/values.yaml`,
    );
    apps.push(
      validateApplication(
        namespace,
        folder,
        String(application.helm.chartVersion ?? ''),
        values,
        knownVersions,
      ),
    );
  }
  return apps;
}
