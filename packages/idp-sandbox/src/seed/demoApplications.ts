import { stringify } from 'yaml';

/** The two files of one demo application in the apps repo. */
export function demoApplication(
  namespace: string,
  folder: string,
  chartVersion: string,
  values: unknown,
): Record<string, string> {
  return {
    [`${namespace}/${folder}/application.yaml`]: stringify({
      apiVersion: 'v2',
      name: folder,
      description: `${folder} (idp-sandbox demo)`,
      version: '0.1.0',
      slackChannel: 'idp-sandbox-demo',
      helm: { chart: 'helm/idp-postgresql', chartVersion },
    }),
    [`${namespace}/${folder}/values.yaml`]: stringify(values),
  };
}

/** The manual's "Grant privileges" SQL for one database, run as its admin. */
export function manualGrantSql(namespace: string, database: string): string[] {
  const q = (role: string) => `"${namespace}-${database}-${role}"`;
  return [
    `GRANT USAGE ON SCHEMA public TO ${q('write')}`,
    `GRANT USAGE ON SCHEMA public TO ${q('read')}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${q(
      'write',
    )}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${q('read')}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${q(
      'write',
    )}`,
    `GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO ${q('read')}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${q(
      'admin',
    )} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${q(
      'write',
    )}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${q(
      'admin',
    )} IN SCHEMA public GRANT SELECT ON TABLES TO ${q('read')}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${q(
      'admin',
    )} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${q(
      'write',
    )}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${q(
      'admin',
    )} IN SCHEMA public GRANT SELECT ON SEQUENCES TO ${q('read')}`,
  ];
}
