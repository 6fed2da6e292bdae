import {
  ActionCase,
  ActionName,
  Expected,
  withKnownGaps,
  withValue,
} from './cases';
import {
  billionLaughs,
  CUSTOM_TAG,
  DUPLICATE_KEY,
  HOSTILE_NAMES,
  HUGE,
  JS_FUNCTION_TAG,
  Labelled,
  NOT_YAML,
  SOME_HOSTILE_NAMES,
} from './values';

/**
 * Hostile inputs of our scaffolder actions, each called in a dry run the way
 * a template step calls it, with files placed in the workspace where the
 * action reads them.
 */

/** The scaffolder's schema check names the field as `instance.<field>`. */
const schema = (field: string): Expected => ({
  status: 400,
  message: new RegExp(`instance\\.${field}\\b`),
});
const refused = (message: RegExp, status = 400): Expected => ({
  status,
  message,
});

/** A database definition folder of the apps repo, in one chart version's dialect. */
function definition(
  folder: string,
  name: string,
  chartVersion = '0.5.0',
  override: Record<string, string> = {},
): Record<string, string> {
  const entry =
    chartVersion === '0.4.1'
      ? `  - name: ${name}\n`
      : `  - name: ${name}\n    deletionProtection: false\n`;
  return {
    [`${folder}/values.yaml`]: `postgresqlDatabases:\n${entry}`,
    [`${folder}/application.yaml`]: `apiVersion: v2\nname: ${name}\ndescription: ${name}\nversion: 0.1.0\nslackChannel: team-shop\nhelm:\n  chart: helm/idp-postgresql\n  chartVersion: ${chartVersion}\n`,
    [`${folder}/catalog-info.yaml`]: `apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: ${
      folder.split('/')[0]
    }.${name}\nspec:\n  type: postgresql-database\n  owner: group:default/team-shop\n`,
    ...override,
  };
}

const DEFINITION = definition('demo-dev/hostile', 'hostile');
const APP_VALUES = {
  'demo-dev/shop-api/values.yaml': 'image: shop-api:1\nenv: []\n',
};

const BASE: Record<ActionName, Record<string, unknown>> = {
  'create-database': {
    namespace: 'demo-dev',
    name: 'hostile',
    slackChannel: 'team-shop',
    owner: 'group:default/team-shop',
    chartVersion: '0.5.0',
    deletionProtection: false,
  },
  'connect-app': {
    valuesPath: 'demo-dev/shop-api/values.yaml',
    namespace: 'demo-dev',
    database: 'orders',
    role: 'read',
    envPrefix: 'HOSTILE_',
  },
  'set-chart-version': {
    targetPath: 'demo-dev/hostile',
    chartVersion: '1.0.4',
  },
  'plan-upgrade': {
    namespace: 'demo-dev',
    name: 'hostile',
    chartVersion: '1.0.4',
  },
  'set-deletion-protection': {
    namespace: 'demo-dev',
    name: 'hostile',
    protect: true,
  },
  'remove-database': {
    namespace: 'demo-dev',
    name: 'hostile',
    confirmName: 'hostile',
  },
  'force-delete-secrets': { namespace: 'demo-dev', name: 'hostile' },
  'wait-for-database': { namespace: 'demo-dev', name: 'orders' },
};

const FILES: Partial<Record<ActionName, Record<string, string>>> = {
  'connect-app': APP_VALUES,
  'set-chart-version': DEFINITION,
  'plan-upgrade': DEFINITION,
  'set-deletion-protection': DEFINITION,
  'remove-database': DEFINITION,
};

/** One case: the action's base input with one field replaced. */
function input(
  action: ActionName,
  name: string,
  field: string,
  value: unknown,
  expect: Expected,
  files?: Record<string, string>,
): ActionCase {
  return {
    surface: 'action',
    action,
    name: `${action}: ${name}`,
    input: withValue(BASE[action], field, value),
    files: files ?? FILES[action],
    expect,
  };
}

/** One case: the action's base input with hostile workspace files. */
function file(
  action: ActionName,
  name: string,
  files: Record<string, string>,
  expect: Expected,
  fields: Record<string, unknown> = {},
): ActionCase {
  return {
    surface: 'action',
    action,
    name: `${action}: ${name}`,
    input: { ...BASE[action], ...fields },
    files,
    expect,
  };
}

const names = (
  action: ActionName,
  field: string,
  values: readonly Labelled[],
): ActionCase[] =>
  values.map(([label, value]) =>
    input(action, `${field} ${label}`, field, value, schema(field)),
  );

const targetPaths: readonly Labelled[] = [
  ['"." (the workspace root)', '.'],
  ['"demo-dev" (the namespace folder itself)', 'demo-dev'],
  ['another namespace\'s folder "demo-prod/hostile"', 'demo-prod/hostile'],
  ['".github/workflows"', '.github/workflows'],
  ['a hidden folder "demo-dev/.github"', 'demo-dev/.github'],
  ['"../x"', '../x'],
  ['"demo-dev/../demo-prod/x"', 'demo-dev/../demo-prod/x'],
  ['an absolute path "/etc/hostile"', '/etc/hostile'],
  ['a home path "~/hostile"', '~/hostile'],
  ['backslashes "demo-dev\\..\\..\\x"', 'demo-dev\\..\\..\\x'],
  ['encoded "demo-dev/%2e%2e"', 'demo-dev/%2e%2e'],
  ['a NUL byte', 'demo-dev/hostile\u0000'],
  ['a newline', 'demo-dev/hostile\nx'],
  ['a nested folder "demo-dev/hostile/deeper"', 'demo-dev/hostile/deeper'],
  ['an empty folder name "demo-dev/"', 'demo-dev/'],
  ['a non-ASCII folder "demo-dev/ørders"', 'demo-dev/ørders'],
];

const badChartVersions: readonly Labelled[] = [
  ['"9.9.9", which the platform does not publish', '9.9.9'],
  ['"0.5" (not exact)', '0.5'],
  ['a range ">=0.5.0"', '>=0.5.0'],
  ['"latest"', 'latest'],
  ['a newline "0.5.0\\n"', '0.5.0\n'],
  ['a shell command "0.5.0; rm -rf /"', '0.5.0; rm -rf /'],
];

const createDatabase: ActionCase[] = [
  ...names('create-database', 'name', HOSTILE_NAMES),
  ...names('create-database', 'namespace', SOME_HOSTILE_NAMES),
  input(
    'create-database',
    'a role name over 63 bytes (demo-dev + a 50-character name + -admin)',
    'name',
    'n'.repeat(50),
    refused(/63/),
  ),
  ...targetPaths.map(([label, value]) =>
    input(
      'create-database',
      `targetPath ${label}`,
      'targetPath',
      value,
      refused(/targetPath/),
    ),
  ),
  input(
    'create-database',
    'targetPath of 2,000 characters',
    'targetPath',
    `demo-dev/${'x'.repeat(2000)}`,
    schema('targetPath'),
  ),
  ...badChartVersions.map(([label, value]) =>
    input(
      'create-database',
      `chartVersion ${label}`,
      'chartVersion',
      value,
      refused(/[Cc]hart version/),
    ),
  ),
  input(
    'create-database',
    'slackChannel "#team-shop"',
    'slackChannel',
    '#team-shop',
    schema('slackChannel'),
  ),
  input(
    'create-database',
    'slackChannel with a newline',
    'slackChannel',
    'team\nshop',
    schema('slackChannel'),
  ),
  input(
    'create-database',
    'owner with a newline and a YAML key',
    'owner',
    'group:default/team-shop\nkind: Secret',
    refused(/Owner/),
  ),
  input(
    'create-database',
    'owner with SQL',
    'owner',
    'x"; DROP DATABASE postgres; --',
    refused(/Owner/),
  ),
  input(
    'create-database',
    'owner of 100,000 characters',
    'owner',
    HUGE,
    schema('owner'),
  ),
  input(
    'create-database',
    'description with a YAML document break',
    'description',
    'orders\n---\nkind: Secret',
    refused(/Description/),
  ),
  input(
    'create-database',
    'description of 100,000 characters',
    'description',
    HUGE,
    schema('description'),
  ),
  input(
    'create-database',
    'deletionProtection "yes" (a string)',
    'deletionProtection',
    'yes',
    schema('deletionProtection'),
  ),
  input(
    'create-database',
    'an unknown input "overwrite: true"',
    'overwrite',
    true,
    refused(/additional property "overwrite"/),
  ),
  input(
    'create-database',
    'a production namespace without deletion protection',
    'namespace',
    'demo-prod',
    refused(/demo-prod/),
  ),
];

const connectApp: ActionCase[] = [
  ...names('connect-app', 'database', SOME_HOSTILE_NAMES),
  ...names('connect-app', 'namespace', SOME_HOSTILE_NAMES.slice(0, 3)),
  input(
    'connect-app',
    'envPrefix of 100,000 characters',
    'envPrefix',
    HUGE,
    schema('envPrefix'),
  ),
  ...(
    [
      ['with a hyphen "DB-"', 'DB-'],
      ['starting with a digit "1DB_"', '1DB_'],
      ['with a newline', 'DB_\nEVIL_'],
      ['with a shell expansion "$(id)_"', '$(id)_'],
      ['non-ASCII "ÆØÅ_"', 'ÆØÅ_'],
      ['an empty string', ''],
    ] as const
  ).map(([label, value]) =>
    input(
      'connect-app',
      `envPrefix ${label}`,
      'envPrefix',
      value,
      schema('envPrefix'),
    ),
  ),
  input('connect-app', 'role "superuser"', 'role', 'superuser', schema('role')),
  input(
    'connect-app',
    'role with SQL',
    'role',
    "read'; DROP ROLE x; --",
    schema('role'),
  ),
  input(
    'connect-app',
    'appNamespace "../demo-prod"',
    'appNamespace',
    '../demo-prod',
    schema('appNamespace'),
  ),
  input(
    'connect-app',
    'an app in demo-prod reading a demo-dev database',
    'appNamespace',
    'demo-prod',
    refused(/namespace/),
  ),
  input(
    'connect-app',
    'valuesPath that is a folder',
    'valuesPath',
    'demo-dev/shop-api/values.yaml',
    refused(/folder/),
    { 'demo-dev/shop-api/values.yaml/inner.yaml': 'env: []\n' },
  ),
  ...(
    [
      ['"../demo-prod/x/values.yaml"', '../demo-prod/x/values.yaml'],
      ['an absolute path "/etc/hostile.yaml"', '/etc/hostile.yaml'],
      ['backslashes', 'demo-dev\\..\\..\\x\\values.yaml'],
      ['a NUL byte', 'demo-dev/shop-api/values.yaml\u0000.yaml'],
      ['a newline', 'demo-dev/shop-api/values\n.yaml'],
      ['a home path "~/values.yaml"', '~/values.yaml'],
    ] as const
  ).map(([label, value]) =>
    input(
      'connect-app',
      `valuesPath ${label}`,
      'valuesPath',
      value,
      refused(/valuesPath/),
    ),
  ),
  input(
    'connect-app',
    'valuesPath encoded "%2e%2e/%2e%2e/values.yaml" (a literal folder name, not decoded)',
    'valuesPath',
    '%2e%2e/%2e%2e/values.yaml',
    // Refused as the literal folder name "%2e%2e", which is no namespace.
    refused(/App namespace "%2e%2e" .*valuesPath/),
  ),
  input(
    'connect-app',
    'valuesPath not a YAML file "demo-dev/shop-api/Dockerfile"',
    'valuesPath',
    'demo-dev/shop-api/Dockerfile',
    schema('valuesPath'),
  ),
  input(
    'connect-app',
    'valuesPath of 2,000 characters',
    'valuesPath',
    `demo-dev/${'x'.repeat(2000)}.yaml`,
    schema('valuesPath'),
  ),
  file(
    'connect-app',
    'valuesPath in .github/workflows (with appNamespace demo-dev)',
    { '.github/workflows/deploy.yaml': 'on: push\njobs: {}\n' },
    refused(/valuesPath/),
    { valuesPath: '.github/workflows/deploy.yaml', appNamespace: 'demo-dev' },
  ),
  file(
    'connect-app',
    'a values file with a billion-laughs alias bomb',
    { 'demo-dev/shop-api/values.yaml': `${billionLaughs()}env: []\n` },
    refused(/values\.yaml/),
  ),
  file(
    'connect-app',
    'a values file with a !!js/function tag',
    { 'demo-dev/shop-api/values.yaml': `${JS_FUNCTION_TAG}env: []\n` },
    refused(/values\.yaml/),
  ),
  file(
    'connect-app',
    'a values file with a custom tag',
    { 'demo-dev/shop-api/values.yaml': `${CUSTOM_TAG}env: []\n` },
    refused(/values\.yaml/),
  ),
  file(
    'connect-app',
    'a values file with a duplicate key',
    { 'demo-dev/shop-api/values.yaml': DUPLICATE_KEY },
    refused(/values\.yaml/),
  ),
  file(
    'connect-app',
    'a values file that is not YAML',
    { 'demo-dev/shop-api/values.yaml': NOT_YAML },
    refused(/values\.yaml/),
  ),
];

const setChartVersion: ActionCase[] = [
  ...targetPaths
    .filter(([, value]) =>
      [
        '.',
        'demo-prod/hostile',
        '.github/workflows',
        '../x',
        '/etc/hostile',
      ].includes(value),
    )
    .map(([label, value]) =>
      input(
        'set-chart-version',
        `targetPath ${label}`,
        'targetPath',
        value,
        // Its namespace defaults to the path's first folder, which the workspace does not hold.
        value === 'demo-prod/hostile'
          ? refused(
              /demo-prod\/hostile is not a database definition folder/,
              404,
            )
          : refused(/targetPath|[Nn]amespace/),
      ),
    ),
  ...badChartVersions
    .slice(0, 3)
    .map(([label, value]) =>
      input(
        'set-chart-version',
        `chartVersion ${label}`,
        'chartVersion',
        value,
        refused(/[Cc]hart version/),
      ),
    ),
  input(
    'set-chart-version',
    'namespace "demo-prod" for a folder in demo-dev',
    'namespace',
    'demo-prod',
    refused(/targetPath/),
  ),
  file(
    'set-chart-version',
    'a values.yaml that is a folder',
    Object.fromEntries(
      Object.entries(DEFINITION).map(([path, text]) =>
        path.endsWith('/values.yaml')
          ? [`${path}/inner.yaml`, text]
          : [path, text],
      ),
    ),
    refused(/folder/),
  ),
  file(
    'set-chart-version',
    'a values.yaml with a billion-laughs alias bomb',
    definition('demo-dev/hostile', 'hostile', '0.5.0', {
      'demo-dev/hostile/values.yaml': `${billionLaughs()}postgresqlDatabases:\n  - name: hostile\n    deletionProtection: false\n`,
    }),
    refused(/values\.yaml/),
  ),
  file(
    'set-chart-version',
    'an application.yaml with a billion-laughs alias bomb',
    definition('demo-dev/hostile', 'hostile', '0.5.0', {
      'demo-dev/hostile/application.yaml': `${billionLaughs()}helm:\n  chart: helm/idp-postgresql\n  chartVersion: 0.5.0\n`,
    }),
    refused(/application\.yaml/),
  ),
  file(
    'set-chart-version',
    'a values.yaml with a !!js/function tag',
    definition('demo-dev/hostile', 'hostile', '0.5.0', {
      'demo-dev/hostile/values.yaml': `${JS_FUNCTION_TAG}postgresqlDatabases:\n  - name: hostile\n    deletionProtection: false\n`,
    }),
    refused(/values\.yaml/),
  ),
  file(
    'set-chart-version',
    'a values.yaml with a custom tag',
    definition('demo-dev/hostile', 'hostile', '0.5.0', {
      'demo-dev/hostile/values.yaml': `${CUSTOM_TAG}postgresqlDatabases:\n  - name: hostile\n    deletionProtection: false\n`,
    }),
    refused(/values\.yaml/),
  ),
  file(
    'set-chart-version',
    'a tagged database list (!!js/function)',
    definition('demo-dev/hostile', 'hostile', '0.5.0', {
      'demo-dev/hostile/values.yaml':
        'postgresqlDatabases: !!js/function "function () {}"\n',
    }),
    refused(/values\.yaml/),
  ),
  file(
    'set-chart-version',
    'a move across 0.5.0 (0.4.1 to 1.0.4) that would lose the data',
    definition('demo-dev/hostile', 'hostile', '0.4.1'),
    refused(/DATA LOST/),
  ),
];

const planUpgrade: ActionCase[] = [
  ...names('plan-upgrade', 'name', SOME_HOSTILE_NAMES.slice(0, 3)),
  ...badChartVersions
    .slice(0, 2)
    .map(([label, value]) =>
      input(
        'plan-upgrade',
        `chartVersion ${label}`,
        'chartVersion',
        value,
        refused(/[Cc]hart version/),
      ),
    ),
  input(
    'plan-upgrade',
    'confirmName of 100,000 characters',
    'confirmName',
    HUGE,
    schema('confirmName'),
  ),
  file(
    'plan-upgrade',
    'a recreate confirmed with the name and a newline',
    definition('demo-dev/hostile', 'hostile', '0.4.1'),
    refused(/type the database name/),
    { confirmName: 'hostile\n' },
  ),
  file(
    'plan-upgrade',
    'a catalog-info.yaml with a billion-laughs alias bomb',
    definition('demo-dev/hostile', 'hostile', '0.5.0', {
      'demo-dev/hostile/catalog-info.yaml': billionLaughs(),
    }),
    refused(/catalog-info\.yaml/),
  ),
  file(
    'plan-upgrade',
    'a values.yaml with a billion-laughs alias bomb',
    definition('demo-dev/hostile', 'hostile', '0.5.0', {
      'demo-dev/hostile/values.yaml': `${billionLaughs()}postgresqlDatabases:\n  - name: hostile\n`,
    }),
    refused(/values\.yaml/),
  ),
];

const setDeletionProtection: ActionCase[] = [
  input(
    'set-deletion-protection',
    'protect "yes" (a string)',
    'protect',
    'yes',
    schema('protect'),
  ),
  ...names('set-deletion-protection', 'name', SOME_HOSTILE_NAMES.slice(0, 2)),
  file(
    'set-deletion-protection',
    'a values.yaml with a billion-laughs alias bomb',
    definition('demo-dev/hostile', 'hostile', '0.5.0', {
      'demo-dev/hostile/values.yaml': `${billionLaughs()}postgresqlDatabases:\n  - name: hostile\n    deletionProtection: false\n`,
    }),
    refused(/values\.yaml/),
  ),
  file(
    'set-deletion-protection',
    'a values.yaml with a custom tag on the entry',
    definition('demo-dev/hostile', 'hostile', '0.5.0', {
      'demo-dev/hostile/values.yaml':
        'postgresqlDatabases:\n  - !vault\n    name: hostile\n    deletionProtection: false\n',
    }),
    refused(/values\.yaml/),
  ),
];

const removeDatabase: ActionCase[] = [
  input(
    'remove-database',
    'confirmName of 100,000 characters',
    'confirmName',
    HUGE,
    schema('confirmName'),
  ),
  input(
    'remove-database',
    'confirmName with a trailing newline',
    'confirmName',
    'hostile\n',
    refused(/confirm/i),
  ),
  ...names('remove-database', 'name', SOME_HOSTILE_NAMES.slice(0, 2)),
  file(
    'remove-database',
    'an application.yaml with a billion-laughs alias bomb',
    definition('demo-dev/hostile', 'hostile', '0.5.0', {
      'demo-dev/hostile/application.yaml': `${billionLaughs()}helm:\n  chart: helm/idp-postgresql\n  chartVersion: 0.5.0\n`,
    }),
    refused(/application\.yaml/),
  ),
];

const forceDeleteSecrets: ActionCase[] = [
  ...names('force-delete-secrets', 'name', SOME_HOSTILE_NAMES.slice(0, 3)),
  input(
    'force-delete-secrets',
    'waitMinutes -1',
    'waitMinutes',
    -1,
    schema('waitMinutes'),
  ),
  input(
    'force-delete-secrets',
    'waitMinutes "20" (a string)',
    'waitMinutes',
    '20',
    schema('waitMinutes'),
  ),
  input(
    'force-delete-secrets',
    'pollSeconds 0',
    'pollSeconds',
    0,
    schema('pollSeconds'),
  ),
];

const waitForDatabase: ActionCase[] = [
  input(
    'wait-for-database',
    'expect "gone"',
    'expect',
    'gone',
    schema('expect'),
  ),
  input(
    'wait-for-database',
    'timeoutMinutes 1e9',
    'timeoutMinutes',
    1e9,
    schema('timeoutMinutes'),
  ),
  input(
    'wait-for-database',
    'timeoutMinutes -1',
    'timeoutMinutes',
    -1,
    schema('timeoutMinutes'),
  ),
  input(
    'wait-for-database',
    'pollSeconds 0',
    'pollSeconds',
    0,
    schema('pollSeconds'),
  ),
  input(
    'wait-for-database',
    'link with a newline',
    'link',
    '/create/tasks/x\nSet-Cookie: a=b',
    refused(/link/),
  ),
  input(
    'wait-for-database',
    'link of 100,000 characters',
    'link',
    HUGE,
    schema('link'),
  ),
  ...names('wait-for-database', 'namespace', SOME_HOSTILE_NAMES.slice(1, 3)),
];

/**
 * The cases the product does not refuse today, with what happens instead.
 * Empty: every case of this surface is refused as it should be.
 */
const KNOWN_GAPS: Record<string, string> = {};

/** Every action case. */
export const ACTION_CASES: ActionCase[] = withKnownGaps(
  [
    ...createDatabase,
    ...connectApp,
    ...setChartVersion,
    ...planUpgrade,
    ...setDeletionProtection,
    ...removeDatabase,
    ...forceDeleteSecrets,
    ...waitForDatabase,
  ],
  KNOWN_GAPS,
);
