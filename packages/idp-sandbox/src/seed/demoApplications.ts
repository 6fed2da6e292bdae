import {
  chartApplication,
  DatabaseRef,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { escapeIdentifier } from 'pg';
import { stringify } from 'yaml';

/** The two files of one demo application in the apps repo. */
export function demoApplication(
  namespace: string,
  folder: string,
  chartVersion: string,
  values: unknown,
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
