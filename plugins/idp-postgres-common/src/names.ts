import { InputError } from '@backstage/errors';
import { printable } from './text';

/**
 * PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1).
 *
 * @public
 */
export const MAX_IDENTIFIER_BYTES = 63;

/**
 * Kubernetes names that must be DNS labels (RFC 1123) are at most this long.
 *
 * @public
 */
export const MAX_DNS_LABEL_LENGTH = 63;

/**
 * The three roles the chart creates for every database, most privileged first.
 *
 * @public
 */
export const DATABASE_ROLES = ['admin', 'write', 'read'] as const;

/**
 * One of the roles the chart creates for every database.
 *
 * @public
 */
export type DatabaseRole = (typeof DATABASE_ROLES)[number];

/**
 * Where a database lives on the platform: its Kubernetes namespace and its name in the chart values.
 *
 * @public
 */
export interface DatabaseRef {
  namespace: string;
  name: string;
}

/**
 * Every name the platform derives from a database definition.
 *
 * @public
 */
export interface DatabaseNames {
  /** The PostgreSQL database, `<namespace>-<name>`. */
  database: string;
  /** PostgreSQL login roles, `<namespace>-<name>-<role>`. */
  roles: Record<DatabaseRole, string>;
  /** Kubernetes secrets in the namespace, named like the roles. */
  kubernetesSecrets: Record<DatabaseRole, string>;
  /** AWS Secrets Manager secret names, from the configured pattern. */
  secretsManagerSecrets: Record<DatabaseRole, string>;
}

/**
 * The default Secrets Manager naming pattern. Namespace users may only read
 * below `customer/<namespace>`, so the pattern keeps that prefix.
 *
 * @public
 */
export const DEFAULT_SECRETS_MANAGER_NAME_PATTERN =
  'customer/{namespace}/{namespace}-{database}-{role}';

const PATTERN_PLACEHOLDERS = ['namespace', 'database', 'role'] as const;

/**
 * Why a value is not a valid Kubernetes DNS label, or undefined when it is.
 * The reasons are sentences that complete "<what> ...", e.g. `Namespace "X" must be lowercase`.
 *
 * @public
 */
export function dnsLabelProblem(value: string): string | undefined {
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.length > MAX_DNS_LABEL_LENGTH) {
    return `is ${value.length} characters long; the limit is ${MAX_DNS_LABEL_LENGTH}`;
  }
  const invalid = value.match(/[^A-Za-z0-9-]/u);
  if (invalid) {
    return `contains ${describeCharacter(
      invalid[0],
    )}; only lowercase letters a-z, digits 0-9 and "-" are allowed`;
  }
  const uppercase = value.match(/[A-Z]/);
  if (uppercase) {
    return `must be lowercase (found "${uppercase[0]}")`;
  }
  if (value.startsWith('-')) {
    return 'must start with a letter or digit, not "-"';
  }
  if (value.endsWith('-')) {
    return 'must end with a letter or digit, not "-"';
  }
  return undefined;
}

function describeCharacter(char: string): string {
  const names: Record<string, string> = {
    ' ': 'a space',
    '\t': 'a tab',
    '\n': 'a line break',
    '\r': 'a carriage return',
    '\0': 'a NUL character',
    '.': 'a dot',
    _: 'an underscore',
    '/': 'a slash',
    '\\': 'a backslash',
    '"': 'a double quote',
    "'": 'a single quote',
  };
  if (names[char]) {
    return names[char];
  }
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) {
    return `a control character (U+${code
      .toString(16)
      .toUpperCase()
      .padStart(4, '0')})`;
  }
  return `"${char}"`;
}

/**
 * A problem with one field of a database reference.
 *
 * @public
 */
export interface NameProblem {
  field: 'namespace' | 'name';
  message: string;
}

/**
 * Every problem with a namespace and database name: each must be a DNS label,
 * and the longest identifier derived from them must fit PostgreSQL's 63 bytes.
 *
 * @public
 */
export function databaseRefProblems(ref: DatabaseRef): NameProblem[] {
  const problems: NameProblem[] = [];
  const namespaceProblem = dnsLabelProblem(ref.namespace);
  if (namespaceProblem) {
    problems.push({
      field: 'namespace',
      message: `Namespace "${printable(ref.namespace)}" ${namespaceProblem}.`,
    });
  }
  const nameProblem = dnsLabelProblem(ref.name);
  if (nameProblem) {
    problems.push({
      field: 'name',
      message: `Database name "${printable(ref.name)}" ${nameProblem}.`,
    });
  }
  if (problems.length === 0) {
    const longest = longestRoleName(ref);
    const bytes = Buffer.byteLength(longest);
    if (bytes > MAX_IDENTIFIER_BYTES) {
      const over = bytes - MAX_IDENTIFIER_BYTES;
      const room = maxDatabaseNameLength(ref.namespace);
      const advice =
        room >= 1
          ? `shorten the database name "${
              ref.name
            }" by at least ${over} character${
              over === 1 ? '' : 's'
            } (at most ${room} in namespace "${ref.namespace}")`
          : `namespace "${
              ref.namespace
            }" leaves no room for a database name; use a namespace of at most ${
              ref.namespace.length - 1 + room
            } characters`;
      problems.push({
        field: room >= 1 ? 'name' : 'namespace',
        message: `Role name "${longest}" is ${bytes} bytes, ${over} over PostgreSQL's ${MAX_IDENTIFIER_BYTES}-byte limit for identifiers; ${advice}.`,
      });
    }
  }
  return problems;
}

/**
 * How many characters a database name may have in a namespace.
 *
 * @public
 */
export function maxDatabaseNameLength(namespace: string): number {
  const longestSuffix = Math.max(...DATABASE_ROLES.map(r => r.length));
  // <namespace>-<name>-<role>
  return MAX_IDENTIFIER_BYTES - namespace.length - longestSuffix - 2;
}

function longestRoleName(ref: DatabaseRef): string {
  return DATABASE_ROLES.map(role => roleName(ref, role)).reduce((a, b) =>
    b.length > a.length ? b : a,
  );
}

/**
 * Throws an InputError naming every problem with the reference.
 *
 * @public
 */
export function assertValidDatabaseRef(ref: DatabaseRef): void {
  const problems = databaseRefProblems(ref);
  if (problems.length > 0) {
    throw new InputError(problems.map(p => p.message).join(' '));
  }
}

/**
 * The PostgreSQL database name, `<namespace>-<name>`.
 *
 * @public
 */
export function databaseName(ref: DatabaseRef): string {
  return `${ref.namespace}-${ref.name}`;
}

/**
 * The PostgreSQL role and Kubernetes secret name for a role, `<namespace>-<name>-<role>`.
 *
 * @public
 */
export function roleName(ref: DatabaseRef, role: DatabaseRole): string {
  return `${databaseName(ref)}-${role}`;
}

/**
 * Why a Secrets Manager name pattern cannot be used, or undefined when it can.
 *
 * @public
 */
export function secretsManagerPatternProblem(
  pattern: string,
): string | undefined {
  const used = [...pattern.matchAll(/\{([^}]*)\}/g)].map(m => m[1]);
  const unknown = used.filter(
    p => !(PATTERN_PLACEHOLDERS as readonly string[]).includes(p),
  );
  if (unknown.length > 0) {
    return `Secrets Manager name pattern "${pattern}" uses unknown placeholder {${unknown[0]}}; use {namespace}, {database} and {role}.`;
  }
  for (const required of ['database', 'role']) {
    if (!used.includes(required)) {
      return `Secrets Manager name pattern "${pattern}" must contain {${required}}, or different secrets would share one name.`;
    }
  }
  const literal = pattern.replace(/\{[^}]*\}/g, '');
  if (/[^A-Za-z0-9/_+=.@-]/.test(literal)) {
    return `Secrets Manager name pattern "${pattern}" contains characters Secrets Manager does not allow in names (allowed: letters, digits and /_+=.@-).`;
  }
  return undefined;
}

/**
 * The Secrets Manager name of one role's secret, from a pattern such as the default.
 *
 * @public
 */
export function secretsManagerName(
  ref: DatabaseRef,
  role: DatabaseRole,
  pattern: string = DEFAULT_SECRETS_MANAGER_NAME_PATTERN,
): string {
  const problem = secretsManagerPatternProblem(pattern);
  if (problem) {
    throw new InputError(problem);
  }
  const values: Record<string, string> = {
    namespace: ref.namespace,
    database: ref.name,
    role,
  };
  return pattern.replace(/\{([a-z]+)\}/g, (_, key: string) => values[key]);
}

/**
 * Every name derived from a valid reference; throws an InputError for an invalid one.
 *
 * @public
 */
export function deriveDatabaseNames(
  ref: DatabaseRef,
  options: { secretsManagerNamePattern?: string } = {},
): DatabaseNames {
  assertValidDatabaseRef(ref);
  const perRole = (name: (role: DatabaseRole) => string) =>
    Object.fromEntries(DATABASE_ROLES.map(r => [r, name(r)])) as Record<
      DatabaseRole,
      string
    >;
  return {
    database: databaseName(ref),
    roles: perRole(r => roleName(ref, r)),
    kubernetesSecrets: perRole(r => roleName(ref, r)),
    secretsManagerSecrets: perRole(r =>
      secretsManagerName(ref, r, options.secretsManagerNamePattern),
    ),
  };
}

/**
 * The literal start of a namespace's Secrets Manager names: the pattern with
 * the namespace filled in, up to the first other placeholder. One
 * `ListSecrets` by this prefix finds every database's secrets.
 *
 * @public
 */
export function secretsManagerNamePrefix(
  namespace: string,
  pattern: string = DEFAULT_SECRETS_MANAGER_NAME_PATTERN,
): string {
  const filled = pattern.replace(/\{namespace\}/g, namespace);
  const open = filled.indexOf('{');
  return open === -1 ? filled : filled.slice(0, open);
}

/**
 * The databases of a namespace named by Secrets Manager secret names, read
 * back through the pattern; names that do not fit it are ignored.
 *
 * @public
 */
export function databasesInSecretsManagerNames(
  namespace: string,
  secretNames: string[],
  pattern: string = DEFAULT_SECRETS_MANAGER_NAME_PATTERN,
): string[] {
  const seen = new Set<string>();
  let source = '';
  for (const part of pattern.split(/(\{[a-z]+\})/)) {
    if (part === '{namespace}') source += escapeRegExp(namespace);
    else if (part === '{database}' || part === '{role}') {
      const group = part.slice(1, -1);
      const value =
        group === 'role' ? DATABASE_ROLES.join('|') : '[a-z0-9][-a-z0-9]*';
      source += seen.has(group) ? `\\k<${group}>` : `(?<${group}>${value})`;
      seen.add(group);
    } else source += escapeRegExp(part);
  }
  const matcher = new RegExp(`^${source}$`);
  const names = secretNames
    .map(name => matcher.exec(name)?.groups?.database)
    .filter((name): name is string => Boolean(name));
  return [...new Set(names)].sort();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
