import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list; a test runs each of them. */
export const examples: TemplateExample[] = [
  {
    description:
      'After opening the pull request that adds idp-dev/my-db, wait up to 20 minutes for the database to be usable.',
    example: `steps:
  - id: wait
    name: Wait for the database
    action: idp:postgres:wait-for-database
    input:
      namespace: idp-dev
      name: my-db
      link: \${{ steps['publish'].output.remoteUrl }}
`,
  },
  {
    description:
      'Wait up to an hour, looking every 30 seconds, until a removed database is gone from the platform.',
    example: `steps:
  - id: wait-removed
    name: Wait for the removal
    action: idp:postgres:wait-for-database
    input:
      namespace: idp-dev
      name: my-db
      expect: removed
      timeoutMinutes: 60
      pollSeconds: 30
`,
  },
];
