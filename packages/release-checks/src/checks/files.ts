import { Manifest } from '../workspace';

/** Files a published package may carry at its top level. */
const ALLOWED_TOP_LEVEL_FILES = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'config.schema.json',
];

/** Folders a published package may carry: the build, and what it reads at run time. */
const ALLOWED_FOLDERS = ['dist', 'migrations', 'templates'];

/** Development files that must never ride along inside an allowed folder. */
const DEVELOPMENT_FILE = /(\.test\.|__testUtils__|setupTests\.|\.stories\.)/;

/**
 * The files an `exports` map points at. The `backstage` condition is not a
 * file: Backstage's prepack writes the entry point's feature type there.
 */
function exportTargets(exp: unknown): string[] {
  if (typeof exp === 'string') return [exp];
  if (exp && typeof exp === 'object') {
    return Object.entries(exp)
      .filter(([condition]) => condition !== 'backstage')
      .flatMap(([, target]) => exportTargets(target));
  }
  return [];
}

function normalise(file: string): string {
  return file.replace(/^\.\//, '');
}

/**
 * Problems with a tarball's file list (paths inside the package, without
 * the tarball's `package/` prefix), given its packed manifest.
 */
export function checkTarballFiles(files: string[], m: Manifest): string[] {
  const problems: string[] = [];
  const present = new Set(files);
  for (const file of files) {
    const [top] = file.split('/');
    const allowed = file.includes('/')
      ? ALLOWED_FOLDERS.includes(top)
      : ALLOWED_TOP_LEVEL_FILES.includes(file);
    if (!allowed) problems.push(`carries ${file}`);
    else if (DEVELOPMENT_FILE.test(file)) problems.push(`carries ${file}`);
  }
  for (const required of ['package.json', 'README.md']) {
    if (!present.has(required)) problems.push(`lacks ${required}`);
  }
  const referenced = [m.main, m.module, m.types, ...exportTargets(m.exports)]
    .filter((f): f is string => typeof f === 'string')
    .map(normalise);
  if (typeof m.configSchema === 'string') {
    referenced.push(normalise(m.configSchema));
  }
  for (const file of new Set(referenced)) {
    if (!present.has(file))
      problems.push(`lacks ${file}, which package.json names`);
  }
  for (const entry of m.files ?? []) {
    const folder = `${normalise(entry)}/`;
    if (!present.has(entry) && !files.some(f => f.startsWith(folder))) {
      problems.push(`lacks anything for "files" entry ${entry}`);
    }
  }
  return problems;
}
