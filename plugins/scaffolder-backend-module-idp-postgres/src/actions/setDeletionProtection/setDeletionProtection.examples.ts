import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list; a test runs each of them. */
export const examples: TemplateExample[] = [
  {
    description:
      "Protect idp-dev's my-db, after fetching the namespace folder of the apps repo into idp-dev/.",
    example: `steps:
  - id: fetch-namespace
    name: Fetch the namespace folder
    action: fetch:plain
    input:
      url: https://github.com/jppol-idp/apps/tree/main/idp-dev
      targetPath: idp-dev
  - id: protect
    name: Protect the database
    action: idp:postgres:set-deletion-protection
    input:
      namespace: idp-dev
      name: my-db
      protect: true
`,
  },
  {
    description:
      'Remove the protection of a database outside production, so that removing its definition deletes it.',
    example: `steps:
  - id: unprotect
    name: Unprotect the database
    action: idp:postgres:set-deletion-protection
    input:
      namespace: idp-test
      name: scratch
      protect: false
`,
  },
];
