import { checkPackedManifest } from './checks/manifest';
import { checkSources, manifestContext } from './sourceChecks';
import { stripPrivateFields } from './stripPrivate';
import {
  findWorkspaceRoot,
  listWorkspacePackages,
  privatePackageNames,
  publishedPackages,
} from './workspace';

// The checks that need no build, run on this repository's own packages: the
// release check (yarn release:check) packs them for real.
const root = findWorkspaceRoot(process.cwd());
const all = listWorkspacePackages(root);
const published = publishedPackages(all);

describe('the published packages of this repository', () => {
  it('are the five plugin packages', () => {
    expect(published.map(p => p.manifest.name).sort()).toEqual([
      '@jppol-idp/backstage-plugin-catalog-backend-module-idp-postgres',
      '@jppol-idp/backstage-plugin-idp-postgres',
      '@jppol-idp/backstage-plugin-idp-postgres-backend',
      '@jppol-idp/backstage-plugin-idp-postgres-common',
      '@jppol-idp/backstage-plugin-scaffolder-backend-module-idp-postgres',
    ]);
  });

  it('have metadata, consistent plugin packages, current Backstage ranges and clean API reports', () => {
    expect(Object.fromEntries(checkSources(root, published, all))).toEqual({});
  });

  it('name nothing private once the prepack step has stripped them', () => {
    const privateNames = privatePackageNames(all);
    const leaks = published.flatMap(pkg =>
      checkPackedManifest(
        stripPrivateFields(pkg.manifest, privateNames),
        manifestContext(root, pkg),
        privateNames,
      )
        .filter(problem => /private package|"jest"/.test(problem))
        .map(problem => `${pkg.manifest.name}: ${problem}`),
    );
    expect(leaks).toEqual([]);
  });
});
