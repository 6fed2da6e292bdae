import { checkTarballFiles } from './files';

const backend = {
  main: 'dist/index.cjs.js',
  types: 'dist/index.d.ts',
  files: ['dist', 'migrations', 'config.schema.json'],
  configSchema: 'config.schema.json',
};

const backendFiles = [
  'README.md',
  'config.schema.json',
  'dist/index.cjs.js',
  'dist/index.cjs.js.map',
  'dist/index.d.ts',
  'migrations/20261130120000_inventory.js',
  'package.json',
];

describe('checkTarballFiles', () => {
  it('accepts the build, the migrations, the schema and the README', () => {
    expect(checkTarballFiles(backendFiles, backend)).toEqual([]);
  });

  it('refuses sources, tests and repository files', () => {
    const files = [
      ...backendFiles,
      'src/index.ts',
      'dist/service/router.test.js',
      'config.d.ts',
      'report.api.md',
      'package.json-prepack',
    ];
    expect(checkTarballFiles(files, backend)).toEqual([
      'carries src/index.ts',
      'carries dist/service/router.test.js',
      'carries config.d.ts',
      'carries report.api.md',
      'carries package.json-prepack',
    ]);
  });

  it('wants every file the manifest points at, and something for every "files" entry', () => {
    const files = ['README.md', 'package.json', 'dist/index.d.ts'];
    expect(checkTarballFiles(files, backend)).toEqual([
      'lacks dist/index.cjs.js, which package.json names',
      'lacks config.schema.json, which package.json names',
      'lacks anything for "files" entry migrations',
      'lacks anything for "files" entry config.schema.json',
    ]);
  });

  it('follows exports maps but not their backstage feature condition', () => {
    const frontend = {
      main: './dist/index.esm.js',
      types: './dist/index.d.ts',
      files: ['dist'],
      exports: {
        '.': { import: './dist/index.esm.js', types: './dist/index.d.ts' },
        './alpha': {
          backstage: '@backstage/FrontendPlugin',
          import: './dist/alpha.esm.js',
          types: './dist/alpha.d.ts',
        },
        './package.json': './package.json',
      },
    };
    const files = [
      'README.md',
      'package.json',
      'dist/index.esm.js',
      'dist/index.d.ts',
      'dist/alpha.esm.js',
    ];
    expect(checkTarballFiles(files, frontend)).toEqual([
      'lacks dist/alpha.d.ts, which package.json names',
    ]);
  });
});
