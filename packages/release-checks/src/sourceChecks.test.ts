import { checkPrivateReferences } from './sourceChecks';

const PRIVATE = ['@example/sandbox', 'backend'];

function pkg(manifest: Record<string, unknown>) {
  return { dir: '/repo/plugins/x', relDir: 'plugins/x', manifest };
}

describe('checkPrivateReferences', () => {
  const testOnly = {
    name: '@example/plugin-x-backend',
    devDependencies: { '@example/sandbox': 'workspace:^' },
    jest: { globalSetup: '@example/sandbox/src/testing/setup.ts' },
  };

  it('wants the strip step where the manifest names private packages', () => {
    const bare = pkg({
      ...testOnly,
      scripts: { prepack: 'backstage-cli package prepack' },
    });
    expect(checkPrivateReferences(bare, PRIVATE)).toEqual([
      'names @example/sandbox, a "jest" field, but its prepack does not run prepack-strip-private after "backstage-cli package prepack"',
    ]);
  });

  it('accepts the strip step after Backstage prepack', () => {
    const stripped = pkg({
      ...testOnly,
      scripts: {
        prepack:
          'backstage-cli package prepack && node ../../packages/release-checks/bin/prepack-strip-private',
      },
    });
    expect(checkPrivateReferences(stripped, PRIVATE)).toEqual([]);
  });

  it('leaves packages that name nothing private alone', () => {
    const plain = pkg({
      name: '@example/plugin-x',
      description: 'Shows the backend status',
      scripts: { prepack: 'backstage-cli package prepack' },
    });
    expect(checkPrivateReferences(plain, PRIVATE)).toEqual([]);
  });
});
