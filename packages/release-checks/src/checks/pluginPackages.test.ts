import { checkPluginPackages } from './pluginPackages';

const ALL = ['@x/plugin-db', '@x/plugin-db-backend', '@x/plugin-db-common'];

function pkg(name: string, backstage: Record<string, unknown>) {
  return { name, backstage };
}

function consistentSet() {
  return [
    pkg('@x/plugin-db', {
      role: 'frontend-plugin',
      pluginId: 'db',
      pluginPackages: ALL,
    }),
    pkg('@x/plugin-db-backend', {
      role: 'backend-plugin',
      pluginId: 'db',
      pluginPackages: ALL,
    }),
    pkg('@x/plugin-db-common', {
      role: 'common-library',
      pluginId: 'db',
      pluginPackages: ALL,
    }),
    pkg('@x/plugin-catalog-backend-module-db', {
      role: 'backend-plugin-module',
      pluginId: 'catalog',
      pluginPackage: '@backstage/plugin-catalog-backend',
    }),
    pkg('@x/plugin-db-backend-module-extra', {
      role: 'backend-plugin-module',
      pluginId: 'db',
      pluginPackage: '@x/plugin-db-backend',
    }),
  ];
}

describe('checkPluginPackages', () => {
  it('accepts a plugin whose packages all list the same set', () => {
    expect(checkPluginPackages(consistentSet())).toEqual(new Map());
  });

  it('names a package whose list lacks a plugin package or lists a module', () => {
    const set = consistentSet();
    set[2].backstage.pluginPackages = [
      '@x/plugin-db',
      '@x/plugin-db-common',
      '@x/plugin-scaffolder-backend-module-db',
    ];
    expect(checkPluginPackages(set)).toEqual(
      new Map([
        [
          '@x/plugin-db-common',
          [
            'backstage.pluginPackages is [@x/plugin-db, @x/plugin-db-common, @x/plugin-scaffolder-backend-module-db], expected [@x/plugin-db, @x/plugin-db-backend, @x/plugin-db-common]',
          ],
        ],
      ]),
    );
  });

  it('wants each module to name the plugin it extends, and no list', () => {
    const set = consistentSet();
    set[3].backstage.pluginPackage = '@backstage/plugin-catalog';
    set[4].backstage.pluginPackages = ALL;
    expect(checkPluginPackages(set)).toEqual(
      new Map([
        [
          '@x/plugin-catalog-backend-module-db',
          [
            'backstage.pluginPackage is @backstage/plugin-catalog, expected @backstage/plugin-catalog-backend',
          ],
        ],
        [
          '@x/plugin-db-backend-module-extra',
          ['a module must not list backstage.pluginPackages'],
        ],
      ]),
    );
  });
});
