import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list; a test runs each of them. */
export const examples: TemplateExample[] = [
  {
    description:
      'Create the database my-db in idp-dev with chart 0.5.0, as in the platform manual.',
    example: `steps:
  - id: create-database
    name: Create database definition
    action: idp:postgres:create-database
    input:
      namespace: idp-dev
      name: my-db
      chartVersion: '0.5.0'
      deletionProtection: false
      slackChannel: my-slack-channel
      owner: group:default/team-a
`,
  },
  {
    description:
      'Create a protected production database in its own folder, with a description.',
    example: `steps:
  - id: create-database
    name: Create database definition
    action: idp:postgres:create-database
    input:
      namespace: shop-prod
      name: orders
      deletionProtection: true
      slackChannel: shop-alerts
      description: Orders of the web shop
      owner: group:default/shop
      targetPath: shop-prod/orders-db
`,
  },
  {
    description:
      'Create a database with chart 1.0.4, which writes mode: protected instead of deletionProtection.',
    example: `steps:
  - id: create-database
    name: Create database definition
    action: idp:postgres:create-database
    input:
      namespace: idp-test
      name: reports
      chartVersion: '1.0.4'
      deletionProtection: true
      slackChannel: idp-test
      owner: group:default/idp
`,
  },
];
