import { checkApiReport, expectedReportFiles } from './apiReports';

const CLEAN = `## API Report File for "x"

\`\`\`ts
// @public
export interface DatabaseRef {
  // (undocumented)
  name: string;
}
\`\`\`
`;

describe('expectedReportFiles', () => {
  it('wants one report per entry point', () => {
    expect(expectedReportFiles({ main: 'src/index.ts' })).toEqual([
      'report.api.md',
    ]);
    expect(
      expectedReportFiles({
        exports: {
          '.': './src/index.ts',
          './alpha': './src/alpha.ts',
          './package.json': './package.json',
        },
      }),
    ).toEqual(['report.api.md', 'report-alpha.api.md']);
  });
});

describe('checkApiReport', () => {
  it('lets members stay undocumented', () => {
    expect(checkApiReport('report.api.md', CLEAN)).toEqual([]);
  });

  it('names warnings and undocumented exports', () => {
    const text = CLEAN.replace(
      '// @public\n',
      `// Warning: (ae-missing-release-tag) "DatabaseRef" is missing a release tag\n//\n// (undocumented)\n`,
    ).replace(
      '```\n',
      '```\n\n// Warnings were encountered during analysis:\n//\n// src/x.d.ts:1:1 - (ae-undocumented) Missing documentation for "name".\n',
    );
    expect(checkApiReport('report.api.md', text)).toEqual([
      'report.api.md:4 Warning: (ae-missing-release-tag) "DatabaseRef" is missing a release tag',
      'report.api.md: no doc comment on "export interface DatabaseRef {"',
      'report.api.md: API Extractor listed warnings at the end',
    ]);
  });
});
