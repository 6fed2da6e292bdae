import { InputError } from '@backstage/errors';
import {
  DatabaseRef,
  DatabaseRole,
  databaseName,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { isDeepStrictEqual } from 'node:util';
import { isMap, isSeq, YAMLSeq } from 'yaml';
import { parseYamlFile, stringifyOptionsFor } from '../../yaml/document';

/** One entry of a container's `env` list, as Kubernetes reads it. */
export type EnvVar =
  | { name: string; value: string }
  | {
      name: string;
      valueFrom: { secretKeyRef: { name: string; key: string } };
    };

/** Environment variable names: what shells and most runtimes accept. */
export const ENV_PREFIX_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The variables the manual's "Connect your Application" shows: the database
 * name as a value, and user, password, host and port from the role's
 * Kubernetes secret (whose keys the chart names username, password,
 * endpoint and port).
 */
export function connectionEnv(
  ref: DatabaseRef,
  role: DatabaseRole,
  prefix: string,
): EnvVar[] {
  const secret = roleName(ref, role);
  const fromSecret = (suffix: string, key: string): EnvVar => ({
    name: `${prefix}${suffix}`,
    valueFrom: { secretKeyRef: { name: secret, key } },
  });
  return [
    { name: `${prefix}NAME`, value: databaseName(ref) },
    fromSecret('USER', 'username'),
    fromSecret('PASSWORD', 'password'),
    fromSecret('HOST', 'endpoint'),
    fromSecret('PORT', 'port'),
  ];
}

/**
 * Adds or replaces variables in the top-level `env` list of a values file.
 * Entries already as wanted are left alone, so a second run returns the
 * text unchanged; comments, key order and unrelated entries are kept.
 */
export function withEnv(
  text: string,
  displayPath: string,
  wanted: EnvVar[],
): string {
  const doc = parseYamlFile(text, displayPath);
  if (doc.contents === null) {
    doc.contents = doc.createNode({});
  }
  if (!isMap(doc.contents)) {
    throw new InputError(
      `${displayPath} must be a mapping of Helm values, with env as a list.`,
    );
  }
  let env = doc.get('env', true);
  if (env === undefined || env === null) {
    env = new YAMLSeq();
    doc.set('env', env);
  }
  if (!isSeq(env)) {
    throw new InputError(
      `env in ${displayPath} is not a list; the chart expects a list of { name, value | valueFrom } entries as in the manual.`,
    );
  }
  if (env.items.length === 0) {
    env.flow = false;
  }

  let changed = false;
  for (const variable of wanted) {
    const index = env.items.findIndex(
      item => isMap(item) && item.get('name') === variable.name,
    );
    if (index === -1) {
      env.add(doc.createNode(variable));
      changed = true;
      continue;
    }
    const current = env.items[index];
    if (
      isDeepStrictEqual(isMap(current) ? current.toJSON() : current, variable)
    ) {
      continue;
    }
    const replacement = doc.createNode(variable);
    if (isMap(current)) {
      // Keep the user's notes about this variable.
      replacement.commentBefore = current.commentBefore;
      replacement.comment = current.comment;
      replacement.spaceBefore = current.spaceBefore;
    }
    env.items[index] = replacement;
    changed = true;
  }
  return changed ? doc.toString(stringifyOptionsFor(text)) : text;
}
