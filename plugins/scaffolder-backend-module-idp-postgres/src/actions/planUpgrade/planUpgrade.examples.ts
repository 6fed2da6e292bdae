import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list; a test runs each of them. */
export const examples: TemplateExample[] = [
  {
    description:
      'Plan moving idp-dev/my-db to chart 1.0.4 (from 0.5.0 this is an edit in place).',
    example: `steps:
  - id: plan
    name: Plan the upgrade
    action: idp:postgres:plan-upgrade
    input:
      namespace: idp-dev
      name: my-db
      chartVersion: '1.0.4'
`,
  },
  {
    description:
      'Plan moving idp-dev/legacy from chart 0.4.1 to 0.5.0, which recreates it: the name is typed to confirm the data loss.',
    example: `steps:
  - id: plan
    name: Plan the upgrade
    action: idp:postgres:plan-upgrade
    input:
      namespace: idp-dev
      name: legacy
      chartVersion: '0.5.0'
      confirmName: legacy
`,
  },
];
