import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list; a test runs each of them. */
export const examples: TemplateExample[] = [
  {
    description:
      'Move idp-dev/my-db from chart 0.5.0 to 1.0.4; deletionProtection becomes mode.',
    example: `steps:
  - id: set-chart-version
    name: Move to chart 1.0.4
    action: idp:postgres:set-chart-version
    input:
      targetPath: idp-dev/my-db
      chartVersion: '1.0.4'
`,
  },
  {
    description:
      'Move a definition back from chart 1.0.4 to 0.5.0; mode becomes deletionProtection.',
    example: `steps:
  - id: set-chart-version
    name: Move to chart 0.5.0
    action: idp:postgres:set-chart-version
    input:
      targetPath: idp-dev/orders
      chartVersion: '0.5.0'
`,
  },
];
