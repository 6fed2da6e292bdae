import { Manifest } from '../workspace';

/**
 * The API report files `backstage-repo-tools api-reports` writes for a
 * package: `report.api.md` for the main entry point and `report-<name>.api.md`
 * for each other entry point in `exports` (e.g. `./alpha`).
 */
export function expectedReportFiles(m: Manifest): string[] {
  const subpaths = Object.keys(m.exports ?? {}).filter(
    key => key !== '.' && !key.endsWith('.json'),
  );
  return [
    'report.api.md',
    ...subpaths.map(key => `report-${key.replace(/^\.\//, '')}.api.md`),
  ];
}

/**
 * Problems in one API report: warnings left in it, or an exported symbol
 * without a doc comment. API Extractor marks an undocumented declaration
 * with `// (undocumented)` above it, indented for members and at the start
 * of the line for a top-level export; members may stay undocumented.
 */
export function checkApiReport(file: string, text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.startsWith('// Warning:')) {
      problems.push(`${file}:${index + 1} ${line.slice(3)}`);
    }
    if (line === '// (undocumented)') {
      const declaration = lines
        .slice(index + 1)
        .find(next => !next.startsWith('//'));
      problems.push(`${file}: no doc comment on "${declaration?.trim()}"`);
    }
  });
  if (lines.includes('// Warnings were encountered during analysis:')) {
    problems.push(`${file}: API Extractor listed warnings at the end`);
  }
  return problems;
}
