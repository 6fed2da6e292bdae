import { Manifest } from '../workspace';

/** Roles whose packages make up a plugin and are listed in `backstage.pluginPackages`. */
const PLUGIN_PACKAGE_ROLES = [
  'frontend-plugin',
  'backend-plugin',
  'common-library',
  'web-library',
  'node-library',
];

const MODULE_ROLES = ['backend-plugin-module', 'frontend-plugin-module'];

/**
 * The package a module extends: the plugin package of the same plugin id in
 * this set, or else Backstage's own (`@backstage/plugin-catalog-backend` for a
 * catalog backend module).
 */
function expectedPluginPackage(m: Manifest, all: Manifest[]): string {
  const { pluginId, role } = m.backstage;
  const pluginRole = role.replace(/-module$/, '');
  const local = all.find(
    p => p.backstage?.pluginId === pluginId && p.backstage?.role === pluginRole,
  );
  if (local) return local.name;
  return role === 'backend-plugin-module'
    ? `@backstage/plugin-${pluginId}-backend`
    : `@backstage/plugin-${pluginId}`;
}

/**
 * Problems with the `backstage.pluginPackages` / `pluginPackage` fields across
 * a set of packages, as `backstage-cli repo fix --publish` would write them:
 * every package of a plugin lists the same, complete, sorted set, and each
 * module names the plugin it extends. Keyed by package name.
 */
export function checkPluginPackages(all: Manifest[]): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const report = (name: string, problem: string) =>
    problems.set(name, [...(problems.get(name) ?? []), problem]);

  for (const m of all) {
    const role = m.backstage?.role;
    const pluginId = m.backstage?.pluginId;
    if (!role || !pluginId) continue;
    if (PLUGIN_PACKAGE_ROLES.includes(role)) {
      const expected = all
        .filter(
          p =>
            p.backstage?.pluginId === pluginId &&
            PLUGIN_PACKAGE_ROLES.includes(p.backstage?.role),
        )
        .map(p => p.name)
        .sort();
      const actual = m.backstage.pluginPackages ?? [];
      if (actual.join(',') !== expected.join(',')) {
        report(
          m.name,
          `backstage.pluginPackages is [${actual.join(
            ', ',
          )}], expected [${expected.join(', ')}]`,
        );
      }
    } else if (MODULE_ROLES.includes(role)) {
      const expected = expectedPluginPackage(m, all);
      if (m.backstage.pluginPackage !== expected) {
        report(
          m.name,
          `backstage.pluginPackage is ${m.backstage.pluginPackage}, expected ${expected}`,
        );
      }
      if (m.backstage.pluginPackages) {
        report(m.name, 'a module must not list backstage.pluginPackages');
      }
    }
  }
  return problems;
}
