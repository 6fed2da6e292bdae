import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list; a test runs each of them. */
export const examples: TemplateExample[] = [
  {
    description:
      "Connect the app idp-dev/my-app, fetched to its apps repo path, to idp-dev's my-db as the write role.",
    example: `steps:
  - id: fetch-app
    name: Fetch the app's values
    action: fetch:plain
    input:
      url: https://github.com/jppol-idp/apps/tree/main/idp-dev/my-app
      targetPath: idp-dev/my-app
  - id: connect-app
    name: Connect the app to the database
    action: idp:postgres:connect-app
    input:
      valuesPath: idp-dev/my-app/values.yaml
      namespace: idp-dev
      database: my-db
`,
  },
  {
    description:
      'Connect as the read role with variables named REPORTS_DB_NAME, REPORTS_DB_USER and so on, naming the app namespace, which must be the first folder of valuesPath.',
    example: `steps:
  - id: connect-app
    name: Connect the app to the reporting database
    action: idp:postgres:connect-app
    input:
      valuesPath: idp-dev/reports/values.yaml
      appNamespace: idp-dev
      namespace: idp-dev
      database: reports
      role: read
      envPrefix: REPORTS_DB_
`,
  },
];
