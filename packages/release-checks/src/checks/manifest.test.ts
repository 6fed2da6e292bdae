import {
  checkMetadata,
  checkPackedManifest,
  ManifestContext,
} from './manifest';

const ctx: ManifestContext = {
  relDir: 'plugins/example-backend',
  repositoryUrl: 'https://github.com/example/repo',
  hasConfigDeclaration: true,
};

/** A manifest as yarn pack writes it for a backend plugin with config. */
function packed(overrides: Record<string, unknown> = {}) {
  return {
    name: '@example/backstage-plugin-example-backend',
    version: '0.1.0',
    description: 'An example',
    license: 'Apache-2.0',
    homepage: 'https://github.com/example/repo#readme',
    repository: {
      type: 'git',
      url: 'https://github.com/example/repo',
      directory: 'plugins/example-backend',
    },
    bugs: { url: 'https://github.com/example/repo/issues' },
    keywords: ['backstage', 'backstage-plugin'],
    main: 'dist/index.cjs.js',
    types: 'dist/index.d.ts',
    publishConfig: { access: 'public' },
    backstage: { role: 'backend-plugin', pluginId: 'example' },
    files: ['dist', 'config.schema.json'],
    configSchema: 'config.schema.json',
    dependencies: { '@example/backstage-plugin-example-common': '^0.1.0' },
    devDependencies: { '@backstage/cli': '^0.36.6' },
    ...overrides,
  };
}

describe('checkPackedManifest', () => {
  it('accepts a complete manifest with real ranges', () => {
    expect(checkPackedManifest(packed(), ctx, ['@example/sandbox'])).toEqual(
      [],
    );
  });

  it('refuses ranges only a workspace can resolve', () => {
    const m = packed({
      dependencies: { '@example/common': 'workspace:^' },
      peerDependencies: { other: 'file:../other' },
    });
    expect(checkPackedManifest(m, ctx, [])).toEqual([
      'dependencies has "@example/common": "workspace:^"',
      'peerDependencies has "other": "file:../other"',
    ]);
  });

  it('refuses a private package as a dependency or anywhere in the manifest', () => {
    const m = packed({
      devDependencies: { '@example/sandbox': '^0.1.0', backend: '^0.0.0' },
      jest: { globalSetup: '@example/sandbox/src/setup.ts' },
    });
    expect(
      checkPackedManifest(m, ctx, ['@example/sandbox', 'backend']),
    ).toEqual([
      'devDependencies has the private package @example/sandbox',
      'devDependencies has the private package backend',
      'names the private package @example/sandbox',
      'has a "jest" field',
    ]);
  });

  it('does not mistake ordinary words for unscoped private names', () => {
    const m = packed({ description: 'The app and backend of the example' });
    expect(checkPackedManifest(m, ctx, ['app', 'backend'])).toEqual([]);
  });

  it('wants entry points in dist and the compiled config schema', () => {
    const m = packed({
      main: 'src/index.ts',
      types: './dist/index.d.ts',
      configSchema: 'config.d.ts',
      files: ['dist', 'config.d.ts'],
    });
    expect(checkPackedManifest(m, ctx, [])).toEqual([
      '"main" does not point into dist/ (got src/index.ts)',
      '"configSchema" should be the compiled config.schema.json (got config.d.ts)',
      '"files" lacks config.schema.json',
    ]);
  });
});

describe('checkMetadata', () => {
  it('names each missing or wrong field', () => {
    const m = packed({
      homepage: undefined,
      bugs: undefined,
      repository: 'https://github.com/example/repo',
      keywords: ['backstage'],
      publishConfig: {},
      backstage: { role: 'backend-plugin' },
      configSchema: undefined,
    });
    expect(checkMetadata(m, ctx)).toEqual([
      '"homepage" is missing',
      '"bugs.url" is missing',
      '"repository" must be { type: git, url: https://github.com/example/repo, directory: plugins/example-backend }',
      '"keywords" lacks "backstage-plugin"',
      '"publishConfig.access" is missing',
      '"backstage.pluginId" is missing',
      'has config.d.ts but no "configSchema"',
    ]);
  });

  it('wants the directory of this package, not of another', () => {
    const m = packed({
      repository: { ...packed().repository, directory: 'plugins/other' },
    });
    expect(checkMetadata(m, ctx)).toHaveLength(1);
  });
});
