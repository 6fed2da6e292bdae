import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list; a test runs each of them. */
export const examples: TemplateExample[] = [
  {
    description:
      'Remove idp-dev/my-db and open a pull request that deletes its folder.',
    example: `steps:
  - id: fetch-namespace
    name: Fetch the namespace folder
    action: fetch:plain
    input:
      url: https://github.com/jppol-idp/apps/tree/main/idp-dev
      targetPath: idp-dev
  - id: remove
    name: Remove the database definition
    action: idp:postgres:remove-database
    input:
      namespace: idp-dev
      name: my-db
      confirmName: my-db
  # From the workspace root, without targetPath: filesToDelete are repository paths.
  - id: publish
    name: Open a pull request
    action: publish:github:pull-request
    input:
      repoUrl: github.com?owner=jppol-idp&repo=apps
      branchName: postgres/remove-idp-dev-my-db
      title: 'PostgreSQL: remove my-db from idp-dev'
      description: \${{ steps['remove'].output.consequence }}
      filesToDelete: \${{ steps['remove'].output.filesToDelete }}
`,
  },
];
