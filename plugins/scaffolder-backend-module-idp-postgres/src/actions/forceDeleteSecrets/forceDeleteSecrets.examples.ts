import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list; a test runs each of them. */
export const examples: TemplateExample[] = [
  {
    description:
      'After the pull request removing idp-dev/legacy (chart 0.4.1), force-delete its soft-deleted secrets so it can be added again.',
    example: `steps:
  - id: force-delete-secrets
    name: Force-delete the Secrets Manager secrets
    action: idp:postgres:force-delete-secrets
    input:
      namespace: idp-dev
      name: legacy
      waitMinutes: 60
`,
  },
];
