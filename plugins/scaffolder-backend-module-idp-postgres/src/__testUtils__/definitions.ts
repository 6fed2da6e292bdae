/** An application.yaml as the create action writes it, for a chart version. */
export function applicationYaml(
  chartVersion: string,
  options: { name?: string; slackChannel?: string; chart?: string } = {},
): string {
  return [
    'apiVersion: v2',
    `name: ${options.name ?? 'db'}`,
    `description: ${options.name ?? 'db'}`,
    'version: 0.1.0',
    ...(options.slackChannel === ''
      ? []
      : [`slackChannel: ${options.slackChannel ?? 'team-a'}`]),
    'helm:',
    `  chart: ${options.chart ?? 'helm/idp-postgresql'}`,
    `  chartVersion: "${chartVersion}"`,
    '',
  ].join('\n');
}

/** A catalog Resource of a database as the create action writes it. */
export function resourceYaml(
  namespace: string,
  name: string,
  owner = 'group:default/team-a',
  description = `${name} data`,
): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Resource',
    'metadata:',
    `  name: ${namespace}.${name}`,
    `  title: ${name} (${namespace})`,
    `  description: ${description}`,
    '  annotations:',
    `    idp.jppol.dk/postgresql-databases: ${namespace}/${name}`,
    'spec:',
    '  type: postgresql-database',
    `  owner: ${owner}`,
    '',
  ].join('\n');
}
