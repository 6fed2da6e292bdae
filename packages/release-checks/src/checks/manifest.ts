import { Manifest } from '../workspace';

/** What a published package's manifest is checked against. */
export interface ManifestContext {
  /** The package folder from the repository root, e.g. `plugins/idp-postgres`. */
  relDir: string;
  /** The repository URL every package names (the root package.json's). */
  repositoryUrl: string;
  /** Whether the source package has a `config.d.ts` that apps must load. */
  hasConfigDeclaration: boolean;
}

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
];

/** Ranges only a workspace understands; an installing app cannot resolve them. */
const LOCAL_PROTOCOLS = /^(workspace|portal|link|file):/;

const REQUIRED_KEYWORDS = ['backstage', 'backstage-plugin'];

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * Problems with the metadata a registry and Backstage's tooling read: the
 * same rules for the source manifest and for the packed one.
 */
export function checkMetadata(m: Manifest, ctx: ManifestContext): string[] {
  const problems: string[] = [];
  for (const field of ['name', 'version', 'description', 'license']) {
    if (!isNonEmptyString(m[field])) problems.push(`"${field}" is missing`);
  }
  if (!isNonEmptyString(m.homepage)) problems.push('"homepage" is missing');
  if (!isNonEmptyString(m.bugs?.url)) problems.push('"bugs.url" is missing');
  const repo = m.repository;
  if (
    repo?.type !== 'git' ||
    repo?.url !== ctx.repositoryUrl ||
    repo?.directory !== ctx.relDir
  ) {
    problems.push(
      `"repository" must be { type: git, url: ${ctx.repositoryUrl}, directory: ${ctx.relDir} }`,
    );
  }
  for (const keyword of REQUIRED_KEYWORDS) {
    if (!m.keywords?.includes(keyword)) {
      problems.push(`"keywords" lacks "${keyword}"`);
    }
  }
  if (!isNonEmptyString(m.publishConfig?.access)) {
    problems.push('"publishConfig.access" is missing');
  }
  if (!m.files?.includes('dist')) problems.push('"files" lacks "dist"');
  if (!isNonEmptyString(m.backstage?.role)) {
    problems.push('"backstage.role" is missing');
  }
  if (!isNonEmptyString(m.backstage?.pluginId)) {
    problems.push('"backstage.pluginId" is missing');
  }
  if (ctx.hasConfigDeclaration && !isNonEmptyString(m.configSchema)) {
    problems.push('has config.d.ts but no "configSchema"');
  }
  return problems;
}

/**
 * Problems with a manifest as `yarn pack` wrote it into the tarball: the
 * metadata, plus nothing only this workspace can resolve or only its tests
 * use.
 */
export function checkPackedManifest(
  m: Manifest,
  ctx: ManifestContext,
  privateNames: string[],
): string[] {
  const problems = checkMetadata(m, ctx);
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries<string>(m[field] ?? {})) {
      if (LOCAL_PROTOCOLS.test(range)) {
        problems.push(`${field} has "${name}": "${range}"`);
      }
      if (privateNames.includes(name)) {
        problems.push(`${field} has the private package ${name}`);
      }
    }
  }
  // Scoped names are distinctive enough to look for anywhere (a Jest setup
  // path, a script); unscoped ones like "app" would match ordinary words.
  const text = JSON.stringify(m);
  for (const name of privateNames.filter(n => n.startsWith('@'))) {
    if (text.includes(name)) problems.push(`names the private package ${name}`);
  }
  if ('jest' in m) problems.push('has a "jest" field');
  for (const field of ['main', 'types']) {
    if (
      !String(m[field] ?? '')
        .replace(/^\.\//, '')
        .startsWith('dist/')
    ) {
      problems.push(`"${field}" does not point into dist/ (got ${m[field]})`);
    }
  }
  if (ctx.hasConfigDeclaration) {
    if (m.configSchema !== 'config.schema.json') {
      problems.push(
        `"configSchema" should be the compiled config.schema.json (got ${m.configSchema})`,
      );
    }
    if (!m.files?.includes('config.schema.json')) {
      problems.push('"files" lacks config.schema.json');
    }
  }
  return problems;
}
