import { MAX_DNS_LABEL_LENGTH } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { z as zod } from 'zod/v3';

/** The zod the actions registry hands to schema callbacks. */
export type Zod = typeof zod;

/**
 * A Kubernetes DNS label, as the REST API's OpenAPI spec states it. In the
 * schema so the published JSON schema tells an agent the rule up front; the
 * handlers still run `assertValidDatabaseRef` for the limits that span both
 * fields (`<namespace>-<name>-admin` within 63 bytes).
 */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const DNS_LABEL_RULE =
  'a Kubernetes DNS label: 1-63 lowercase letters a-z, digits 0-9 and "-", starting and ending with a letter or digit';

function dnsLabel(z: Zod, what: string) {
  return z
    .string()
    .min(1, `${what} must not be empty.`)
    .max(
      MAX_DNS_LABEL_LENGTH,
      `${what} is longer than ${MAX_DNS_LABEL_LENGTH} characters.`,
    )
    .regex(DNS_LABEL, `${what} must be ${DNS_LABEL_RULE}.`);
}

/** The `namespace` and `name` input fields that name one database. */
export function databaseRefFields(z: Zod) {
  return {
    namespace: namespaceField(z),
    name: dnsLabel(z, 'Database name').describe(
      `The database's name in its chart values (\`postgresqlDatabases[].name\`), without the namespace, e.g. \`orders\`; ${DNS_LABEL_RULE}. The PostgreSQL database is \`<namespace>-<name>\`, and \`<namespace>-<name>-admin\` must fit in 63 bytes.`,
    ),
  };
}

/** The `namespace` input field. */
export function namespaceField(z: Zod) {
  return dnsLabel(z, 'Namespace').describe(
    `The Kubernetes namespace the database belongs to, e.g. \`team-shop-dev\`; ${DNS_LABEL_RULE}. Must be a namespace the backend has a cluster configured for.`,
  );
}
