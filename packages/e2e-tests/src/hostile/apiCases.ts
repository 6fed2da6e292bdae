import { ApiCase, Expected, withKnownGaps } from './cases';
import { HOSTILE_NAMES, Labelled } from './values';

/**
 * Hostile parameters and bodies of the backend's API
 * (`plugins/idp-postgres-backend/src/schema/openapi.yaml`). Paths are sent
 * byte for byte, so `..` and `%2e%2e` reach the server as written. Every
 * answer must be a 4xx with a message, never a 500; the two checks, which
 * answer any string of up to 300 characters with `allowed: false` and the
 * problem, are held to that contract instead.
 */

const bad = (message: RegExp, status = 400): Expected => ({
  status,
  message,
});

/** A path segment as a client would send it: percent-encoded where it must be. */
const segment = (value: string) =>
  encodeURIComponent(value).replace(/\./g, '%2E');

/** Names for path segments; the 100,000-character one stays out of URLs (Node refuses heads over 16 KB). */
const PATH_NAMES: readonly Labelled[] = HOSTILE_NAMES.filter(
  ([, value]) => value.length < 1000 && value !== '',
);

function api(
  name: string,
  method: ApiCase['method'],
  path: string,
  expect: Expected,
  body?: Pick<ApiCase, 'body' | 'rawBody'>,
): ApiCase {
  return {
    surface: 'api',
    name: `${method} ${name}`,
    method,
    path,
    expect,
    ...body,
  };
}

const READ_ROUTES = ['', '/connection', '/grants', '/monitoring', '/progress'];

const pathParams: ApiCase[] = [
  ...PATH_NAMES.map(([label, value]) =>
    api(
      `/databases/demo-dev/{name}: name ${label}`,
      'GET',
      `/databases/demo-dev/${segment(value)}`,
      bad(/name/),
    ),
  ),
  ...PATH_NAMES.slice(0, 12).map(([label, value]) =>
    api(
      `/databases/{namespace}/orders/grants/apply: namespace ${label}`,
      'POST',
      `/databases/${segment(value)}/orders/grants/apply`,
      bad(/namespace/),
    ),
  ),
  ...READ_ROUTES.slice(1).map(route =>
    api(
      `/databases/demo-dev/{name}${route}: name with SQL`,
      'GET',
      `/databases/demo-dev/${segment(
        'x"; DROP DATABASE postgres; --',
      )}${route}`,
      bad(/name/),
    ),
  ),
  api(
    'raw "/databases/../../catalog/entities" (dot segments not normalised)',
    'GET',
    '/databases/../../catalog/entities',
    bad(/./, 404),
  ),
  api(
    'raw "/databases/%2e%2e/%2e%2e/catalog/entities"',
    'GET',
    '/databases/%2e%2e/%2e%2e/catalog/entities',
    bad(/./, 404),
  ),
  api(
    'raw "/databases/%2e%2e/%2e%2e"',
    'GET',
    '/databases/%2e%2e/%2e%2e',
    bad(/namespace/),
  ),
  api(
    'encoded slash "/databases/demo-dev%2forders/x"',
    'GET',
    '/databases/demo-dev%2Forders/x',
    bad(/namespace/),
  ),
  api(
    'a raw backslash "/databases/demo-dev/..\\..\\x"',
    'GET',
    '/databases/demo-dev/..\\..\\x',
    bad(/name/),
  ),
  api(
    'name of 10,000 characters',
    'GET',
    `/databases/demo-dev/${'a'.repeat(10_000)}`,
    bad(/name/),
  ),
  api(
    'an unknown route "/databases/demo-dev/orders/drop"',
    'POST',
    '/databases/demo-dev/orders/drop',
    bad(/./, 404),
  ),
  api('of a database', 'DELETE', '/databases/demo-dev/orders', bad(/./, 404)),
];

const queries: ApiCase[] = [
  api('/databases without namespace', 'GET', '/databases', bad(/namespace/)),
  api(
    '/databases?namespace= (empty)',
    'GET',
    '/databases?namespace=',
    bad(/namespace/),
  ),
  ...PATH_NAMES.slice(0, 14).map(([label, value]) =>
    api(
      `/databases?namespace ${label}`,
      'GET',
      `/databases?namespace=${encodeURIComponent(value)}`,
      bad(/namespace/),
    ),
  ),
  api(
    '/databases?namespace given twice',
    'GET',
    '/databases?namespace=demo-dev&namespace=demo-prod',
    bad(/namespace/),
  ),
  api(
    '/databases?namespace[$ne]=x (an object)',
    'GET',
    '/databases?namespace[$ne]=x',
    bad(/namespace/),
  ),
  api(
    '/databases/demo-dev/orders?refresh=yes',
    'GET',
    '/databases/demo-dev/orders?refresh=yes',
    bad(/refresh/),
  ),
  api(
    '/databases/demo-dev/orders/progress?expect=gone',
    'GET',
    '/databases/demo-dev/orders/progress?expect=gone',
    bad(/expect/),
  ),
  api(
    '/checks/new-database: name with SQL',
    'GET',
    `/checks/new-database?namespace=demo-dev&name=${encodeURIComponent(
      'x"; DROP DATABASE postgres; --',
    )}`,
    bad(/invalid-name/, 200),
  ),
  api(
    '/checks/new-database: name "ørders"',
    'GET',
    `/checks/new-database?namespace=demo-dev&name=${encodeURIComponent(
      'ørders',
    )}`,
    bad(/invalid-name/, 200),
  ),
  api(
    '/checks/new-database: namespace "../demo-prod"',
    'GET',
    `/checks/new-database?namespace=${encodeURIComponent(
      '../demo-prod',
    )}&name=x`,
    bad(/invalid-name/, 200),
  ),
  api(
    '/checks/new-database: name of 301 characters',
    'GET',
    `/checks/new-database?namespace=demo-dev&name=${'a'.repeat(301)}`,
    bad(/name/),
  ),
  api(
    '/checks/connect: role "superuser"',
    'GET',
    '/checks/connect?namespace=demo-dev&name=orders&role=superuser',
    bad(/role/),
  ),
  api(
    '/checks/connect: without role',
    'GET',
    '/checks/connect?namespace=demo-dev&name=orders',
    bad(/role/),
  ),
  api(
    '/checks/connect: appNamespace of 301 characters',
    'GET',
    `/checks/connect?namespace=demo-dev&name=orders&role=read&appNamespace=${'a'.repeat(
      301,
    )}`,
    bad(/appNamespace/),
  ),
  api(
    '/checks/connect: name with a newline',
    'GET',
    `/checks/connect?namespace=demo-dev&name=${encodeURIComponent(
      'orders\nadmin',
    )}&role=read`,
    bad(/invalid-name/, 200),
  ),
];

/** Bodies go to demo-prod/payments, which the tests never restore or delete. */
const RESTORE = '/databases/demo-prod/payments/restore';
const FORCE_DELETE = '/databases/demo-prod/payments/secrets/force-delete';

const json = (body: unknown) => ({ body });
const raw = (text: string, contentType = 'application/json') => ({
  rawBody: { text, contentType },
});

const bodies: ApiCase[] = [
  api(
    'restore: dryRun "yes"',
    'POST',
    RESTORE,
    bad(/dryRun/),
    json({ dryRun: 'yes' }),
  ),
  api(
    'restore: force 1',
    'POST',
    RESTORE,
    bad(/force/),
    json({ dryRun: true, force: 1 }),
  ),
  api(
    'restore: an unknown field',
    'POST',
    RESTORE,
    bad(/does not take: "overwrite"/),
    json({ dryRun: true, overwrite: true }),
  ),
  api(
    'restore: roles ["superuser"]',
    'POST',
    RESTORE,
    bad(/roles/),
    json({ dryRun: true, roles: ['superuser'] }),
  ),
  api(
    'restore: roles [] (empty)',
    'POST',
    RESTORE,
    bad(/roles/),
    json({ dryRun: true, roles: [] }),
  ),
  api(
    'restore: roles twice the same',
    'POST',
    RESTORE,
    bad(/roles/),
    json({ dryRun: true, roles: ['read', 'read'] }),
  ),
  api(
    'restore: roles with SQL',
    'POST',
    RESTORE,
    bad(/roles/),
    json({ dryRun: true, roles: ["read'; DROP ROLE x; --"] }),
  ),
  api(
    'restore: restoreScheduledSecrets "true" (a string)',
    'POST',
    RESTORE,
    bad(/restoreScheduledSecrets/),
    json({ dryRun: true, restoreScheduledSecrets: 'true' }),
  ),
  api(
    'restore: a JSON array body',
    'POST',
    RESTORE,
    bad(/./),
    json([{ dryRun: true }]),
  ),
  api(
    'restore: a JSON string body',
    'POST',
    RESTORE,
    bad(/./),
    raw('"dryRun"'),
  ),
  api(
    'restore: malformed JSON',
    'POST',
    RESTORE,
    bad(/JSON|parse|Unexpected/i),
    raw('{"dryRun": tru'),
  ),
  api(
    'restore: a "__proto__" key (prototype pollution)',
    'POST',
    RESTORE,
    bad(/__proto__|additional/),
    raw('{"dryRun": true, "__proto__": {"force": true}}'),
  ),
  api(
    'restore: a body of 2 MB',
    'POST',
    RESTORE,
    bad(/larger than the 100kb this API accepts/, 413),
    raw(JSON.stringify({ dryRun: true, pad: 'x'.repeat(2_000_000) })),
  ),
  api(
    'restore: a YAML body with a billion-laughs bomb',
    'POST',
    RESTORE,
    bad(/unsupported media type/),
    raw('a: &a ["lol","lol"]\nb: [*a,*a]\n', 'application/yaml'),
  ),
  api(
    'force-delete: dryRun "no"',
    'POST',
    FORCE_DELETE,
    bad(/dryRun/),
    json({ dryRun: 'no' }),
  ),
  api(
    'force-delete: an unknown field',
    'POST',
    FORCE_DELETE,
    bad(/does not take: "recoveryWindowInDays"/),
    json({ dryRun: true, recoveryWindowInDays: 0 }),
  ),
  api(
    'force-delete: malformed JSON',
    'POST',
    FORCE_DELETE,
    bad(/JSON|parse|Unexpected/i),
    raw('{dryRun'),
  ),
];

const WATCH = { namespace: 'demo-dev', name: 'orders' };
const watches: ApiCase[] = [
  api(
    'watches: an empty body',
    'POST',
    '/watches',
    bad(/namespace|name/),
    json({}),
  ),
  api(
    'watches: without name',
    'POST',
    '/watches',
    bad(/name/),
    json({ namespace: 'demo-dev' }),
  ),
  api(
    'watches: name with SQL',
    'POST',
    '/watches',
    bad(/name/),
    json({ ...WATCH, name: 'x"; DROP DATABASE postgres; --' }),
  ),
  api(
    'watches: namespace of 254 characters',
    'POST',
    '/watches',
    bad(/namespace/),
    json({ ...WATCH, namespace: 'a'.repeat(254) }),
  ),
  api(
    'watches: namespace "ørders"',
    'POST',
    '/watches',
    bad(/namespace/),
    json({ ...WATCH, namespace: 'ørders' }),
  ),
  api(
    'watches: a link to another site',
    'POST',
    '/watches',
    bad(/link/),
    json({ ...WATCH, link: 'https://evil.example/login' }),
  ),
  api(
    'watches: a protocol-relative link',
    'POST',
    '/watches',
    bad(/link/),
    json({ ...WATCH, link: '//evil.example/login' }),
  ),
  api(
    'watches: a javascript: link',
    'POST',
    '/watches',
    bad(/link/),
    // A hostile input: a link that runs script when someone clicks it.
    // eslint-disable-next-line no-script-url
    json({ ...WATCH, link: 'javascript:alert(document.cookie)' }),
  ),
  api(
    'watches: a link with a newline',
    'POST',
    '/watches',
    bad(/link/),
    json({ ...WATCH, link: '/create/tasks/x\r\nSet-Cookie: a=b' }),
  ),
  api(
    'watches: a link of 2,001 characters',
    'POST',
    '/watches',
    bad(/link/),
    json({ ...WATCH, link: `/${'x'.repeat(2000)}` }),
  ),
  api(
    'watches: expect "gone"',
    'POST',
    '/watches',
    bad(/expect/),
    json({ ...WATCH, expect: 'gone' }),
  ),
  api(
    'watches: a spoofed requestedBy',
    'POST',
    '/watches',
    bad(/does not take: "requestedBy"/),
    json({ ...WATCH, requestedBy: 'user:default/admin' }),
  ),
  api(
    'watches: a spoofed owner',
    'POST',
    '/watches',
    bad(/does not take: "owner"/),
    json({ ...WATCH, owner: 'group:default/evil' }),
  ),
  api(
    'watches: a namespace no cluster serves',
    'POST',
    '/watches',
    bad(/nowhere/, 404),
    json({ ...WATCH, namespace: 'nowhere' }),
  ),
];

/**
 * The cases the product does not refuse today, with what happens instead.
 * Empty: every case of this surface is refused as it should be.
 */
const KNOWN_GAPS: Record<string, string> = {};

/** Every API case. */
export const API_CASES: ApiCase[] = withKnownGaps(
  [...pathParams, ...queries, ...bodies, ...watches],
  KNOWN_GAPS,
);
