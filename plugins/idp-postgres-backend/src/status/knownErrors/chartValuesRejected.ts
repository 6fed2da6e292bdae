import { knownError } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseFacts } from '../facts';
import type { KnownErrorDetector } from './KnownErrorDetector';

const ID = 'chart-values-rejected-by-schema';

/**
 * How a rejected key is named in a controller's or ArgoCD's message: the
 * JSON schema's "additional property … is not allowed" (quoted by the
 * sandbox, bare in Helm's output) and the sandbox's entry check.
 */
const KEY_IN_MESSAGE = [
  /additional propert(?:y|ies) ["']?([\w.[\]-]+)["']? (?:is |are )?not allowed/i,
  /does not know the key "([^"]+)"/,
];
const SCHEMA_MESSAGE = /don't meet the specifications of the schema/i;

/** What rejects the values: keys the apps repo's values or a failing condition name, and those messages. */
function rejectedValues(facts: DatabaseFacts) {
  const definition = facts.platform.appsRepo?.definition;
  const conditions = facts.resource.ok
    ? facts.resource.value?.conditions ?? []
    : [];
  const messages = conditions
    .filter(c => c.status !== 'True' && c.message)
    .map(c => c.message!)
    .filter(
      m => SCHEMA_MESSAGE.test(m) || KEY_IN_MESSAGE.some(re => re.test(m)),
    );
  const keys = [
    ...new Set([
      ...(definition?.rejectedValuesKeys ?? []),
      ...messages.flatMap(m =>
        KEY_IN_MESSAGE.flatMap(re => re.exec(m)?.[1] ?? []),
      ),
    ]),
  ];
  const file = definition
    ? `\`${definition.valuesPath}\``
    : `the values file of ${facts.ref.namespace}/${facts.ref.name}`;
  return { definition, messages, keys, file };
}

/** What to do with the keys, e.g. "remove `replicas` from `ns/db/values.yaml`". */
function whatToDo(keys: string[], file: string): string {
  // Chart 1.0 took `mode` where 0.5 took `deletionProtection`.
  const renamed = keys.filter(key => key.endsWith('deletionProtection'));
  const removed = keys.filter(key => !renamed.includes(key));
  const quote = (list: string[]) => list.map(key => `\`${key}\``).join(', ');
  return [
    ...(removed.length > 0 ? [`remove ${quote(removed)} from ${file}`] : []),
    ...(renamed.length > 0
      ? [
          `replace ${quote(
            renamed,
          )} with \`mode\` (protected or standard) in ${file}`,
        ]
      : []),
  ].join(' and ');
}

/**
 * Values ArgoCD cannot render with the chart's schema: named by the apps
 * repo's values (charts 1.0 and later, whose schema the backend knows) or
 * by the resource's failing condition. Nothing of the definition is
 * provisioned until the file is fixed, so the resource and secrets
 * errors follow from it.
 */
export const chartValuesRejected: KnownErrorDetector = {
  id: ID,
  consequences: ['resource-not-ready', 'kubernetes-secrets-missing'],
  detect(facts) {
    const { definition, messages, keys, file } = rejectedValues(facts);
    if (keys.length === 0 && messages.length === 0) return undefined;
    const [compare, rename, commit] = knownError(ID).fix.steps;
    const chart = definition ? `chart ${definition.chartVersion}` : 'the chart';
    return {
      detail: `ArgoCD cannot render ${file}${
        keys.length > 0
          ? `: ${chart} does not allow ${keys.map(k => `\`${k}\``).join(', ')}`
          : ''
      }.${messages.map(m => ` The resource says: ${m}`).join('')}`,
      steps:
        keys.length > 0
          ? [`${capitalise(whatToDo(keys, file))}. ${commit}`, compare]
          : [compare, rename, commit],
      ...(definition
        ? {
            link: {
              title: `Edit ${definition.valuesPath}`,
              url: definition.url,
            },
          }
        : {}),
    };
  },
  headline(_found, facts) {
    const { definition, keys, file } = rejectedValues(facts);
    return {
      sentence:
        keys.length > 0
          ? `Values rejected: ${whatToDo(
              keys,
              file,
            )}; until then ArgoCD cannot render the chart, so nothing of the database is provisioned or updated.`
          : `Values rejected: ArgoCD cannot render ${file} with the chart's schema (the message names the property), so nothing of the database is provisioned or updated until it is fixed.`,
      next: {
        kind: 'fix-values',
        label: 'Fix the values',
        ...(definition ? { link: definition.url } : {}),
      },
    };
  },
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
