import {
  chartApplication,
  databaseEntity,
  DatabaseRef,
  DatabaseRole,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { escapeIdentifier } from 'pg';
import { stringify } from 'yaml';

/**
 * The files of one demo database definition in the apps repo: the chart
 * files and, with an owner, the `catalog-info.yaml` the create template
 * writes (where the platform inventory reads the owner).
 */
export function demoApplication(
  namespace: string,
  folder: string,
  chartVersion: string,
  values: unknown,
  catalog?: { owner: string; description: string },
): Record<string, string> {
  const application = chartApplication({
    name: folder,
    description: `${folder} (idp-sandbox demo)`,
    slackChannel: 'idp-sandbox-demo',
    chartVersion,
  });
  return {
    [`${namespace}/${folder}/application.yaml`]: stringify(application),
    [`${namespace}/${folder}/values.yaml`]: stringify(values),
    ...(catalog
      ? {
          [`${namespace}/${folder}/catalog-info.yaml`]: stringify(
            databaseEntity({ namespace, name: folder }, catalog),
          ),
        }
      : {}),
  };
}

/**
 * A demo app's folder: an app chart whose values read database role
 * secrets the way "Connect an app" writes them, and a catalog-info.yaml
 * naming its Component, so the inventory knows which apps use a database.
 */
export function demoApp(
  namespace: string,
  component: string,
  uses: Array<{ database: string; role: DatabaseRole; prefix: string }>,
): Record<string, string> {
  const env = uses.flatMap(({ database, role, prefix }) => {
    const secret = roleName({ namespace, name: database }, role);
    const fromSecret = (suffix: string, key: string) => ({
      name: `${prefix}${suffix}`,
      valueFrom: { secretKeyRef: { name: secret, key } },
    });
    return [
      { name: `${prefix}NAME`, value: `${namespace}-${database}` },
      fromSecret('USER', 'username'),
      fromSecret('PASSWORD', 'password'),
      fromSecret('HOST', 'endpoint'),
      fromSecret('PORT', 'port'),
    ];
  });
  return {
    [`${namespace}/${component}/application.yaml`]: stringify({
      apiVersion: 'v2',
      name: component,
      description: `${component} (idp-sandbox demo app)`,
      version: '0.1.0',
      helm: { chart: 'helm/idp-app', chartVersion: '1.0.0' },
    }),
    [`${namespace}/${component}/values.yaml`]: stringify({
      image: `registry.example/${component}:1.0.0`,
      env,
    }),
    [`${namespace}/${component}/catalog-info.yaml`]: stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: component },
      spec: { type: 'service', lifecycle: 'production', owner: 'unknown' },
    }),
  };
}

/** The manual's "Grant privileges" SQL for one database, run as its admin. */
export function manualGrantSql(ref: DatabaseRef): string[] {
  const admin = escapeIdentifier(roleName(ref, 'admin'));
  const write = escapeIdentifier(roleName(ref, 'write'));
  const read = escapeIdentifier(roleName(ref, 'read'));
  const defaults = `ALTER DEFAULT PRIVILEGES FOR ROLE ${admin} IN SCHEMA public GRANT`;
  return [
    `GRANT USAGE ON SCHEMA public TO ${write}`,
    `GRANT USAGE ON SCHEMA public TO ${read}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${write}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${read}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${write}`,
    `GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO ${read}`,
    `${defaults} SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${write}`,
    `${defaults} SELECT ON TABLES TO ${read}`,
    `${defaults} USAGE, SELECT, UPDATE ON SEQUENCES TO ${write}`,
    `${defaults} SELECT ON SEQUENCES TO ${read}`,
  ];
}
