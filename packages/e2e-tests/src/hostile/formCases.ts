import { FormCase, literal, withKnownGaps, withValue } from './cases';
import { HOSTILE_NAMES, HUGE, Labelled, SOME_HOSTILE_NAMES } from './values';
import { APPS_REPO_FIELDS, createDatabaseForm } from '../templateForms';

/**
 * Hostile form values of the real templates (templates/*), submitted as the
 * scaffolder's API receives them from any client, bypassing the browser's
 * form. The scaffolder checks them against the template's parameter schema
 * and answers 400 naming the field; no task may start. Every base names a
 * database that does not exist, so a form that let a value through could
 * not change a real one.
 */

const HOSTILE_DB = { namespace: 'demo-dev', name: 'hostile' };

const BASE: Record<string, Record<string, unknown>> = {
  'create-postgres-database': createDatabaseForm(HOSTILE_DB, {
    waitMinutes: 0,
  }),
  'connect-app-to-postgres': {
    database: { namespace: 'demo-dev', name: 'orders' },
    role: 'read',
    envPrefix: 'HOSTILE_',
    appPath: 'demo-dev/shop-api',
    valuesFile: 'values.yaml',
    ...APPS_REPO_FIELDS,
  },
  'protect-postgres-database': {
    database: HOSTILE_DB,
    protect: true,
    ...APPS_REPO_FIELDS,
  },
  'remove-postgres-database': {
    database: HOSTILE_DB,
    confirmName: 'hostile',
    waitMinutes: 0,
    ...APPS_REPO_FIELDS,
  },
  'upgrade-postgres-database': {
    database: HOSTILE_DB,
    chartVersion: '1.0.4',
    waitMinutes: 0,
    ...APPS_REPO_FIELDS,
  },
};

/** The scaffolder's answer names the field as `instance.<path>`. */
function form(
  template: string,
  label: string,
  field: string,
  value: unknown,
  overrides: Record<string, unknown> = {},
): FormCase {
  return {
    surface: 'form',
    template,
    name: `${template}: ${field} ${label}`,
    values: { ...withValue(BASE[template], field, value), ...overrides },
    expect: {
      status: 400,
      message: new RegExp(`instance\\.${field.replace(/\./g, '\\.')}\\b`),
    },
  };
}

const names = (
  template: string,
  field: string,
  values: readonly Labelled[],
): FormCase[] =>
  values.map(([label, value]) => form(template, label, field, value));

const create = 'create-postgres-database';
const connect = 'connect-app-to-postgres';
const protect = 'protect-postgres-database';
const remove = 'remove-postgres-database';
const upgrade = 'upgrade-postgres-database';

/**
 * The cases the product does not refuse today, with what happens instead.
 * Empty: every case of this surface is refused as it should be.
 */
const KNOWN_GAPS: Record<string, string> = {};

/** Every form case. */
export const FORM_CASES: FormCase[] = withKnownGaps(
  [
    ...names(create, 'database.name', HOSTILE_NAMES),
    ...names(create, 'database.namespace', SOME_HOSTILE_NAMES),
    {
      ...form(create, 'left out', 'database.name', undefined),
      expect: {
        status: 400,
        message: literal('instance.database requires property "name"'),
      },
    },
    form(create, '"9.9.9"', 'chartVersion', '9.9.9'),
    form(create, '"true" on chart 0.4.1', 'deletionProtection', true, {
      chartVersion: '0.4.1',
    }),
    form(create, 'false in demo-prod', 'deletionProtection', false, {
      database: { namespace: 'demo-prod', name: 'hostile' },
    }),
    form(create, '"yes" (a string)', 'deletionProtection', 'yes'),
    form(create, '"#team-shop"', 'slackChannel', '#team-shop'),
    form(create, 'of 100,000 characters', 'slackChannel', HUGE),
    form(create, 'of 100,000 characters', 'description', HUGE),
    form(
      create,
      'with a newline and a YAML key',
      'description',
      'x\nkind: Secret',
    ),
    form(create, 'with SQL', 'owner', 'x"; DROP DATABASE postgres; --'),
    form(create, 'of 100,000 characters', 'owner', HUGE),
    form(create, '-1', 'waitMinutes', -1),
    form(create, '1e9', 'waitMinutes', 1e9),
    form(create, 'with a shell command', 'targetBranchName', 'main; rm -rf /'),
    form(create, 'with a newline', 'targetBranchName', 'main\nx'),
    form(create, '"../../etc"', 'targetBranchName', '../../etc'),
    form(
      create,
      'on another host',
      'repoUrl',
      'evil.example?owner=x&repo=apps',
    ),

    ...names(connect, 'database.name', SOME_HOSTILE_NAMES.slice(0, 3)),
    ...(
      [
        [
          'into another namespace "../demo-prod/billing-service"',
          '../demo-prod/billing-service',
        ],
        ['".github/workflows"', '.github/workflows'],
        ['a hidden folder "demo-dev/.hidden"', 'demo-dev/.hidden'],
        ['an absolute path "/etc/passwd"', '/etc/passwd'],
        [
          '"demo-dev/shop-api/../../demo-prod/x"',
          'demo-dev/shop-api/../../demo-prod/x',
        ],
        ['"demo-dev/.."', 'demo-dev/..'],
        ['encoded "demo-dev/%2e%2e"', 'demo-dev/%2e%2e'],
        ['backslashes "demo-dev\\..\\x"', 'demo-dev\\..\\x'],
        ['a NUL byte', 'demo-dev/shop-api\u0000'],
        ['of 100,000 characters', `demo-dev/${HUGE}`],
      ] as const
    ).map(([label, value]) => form(connect, label, 'appPath', value)),
    form(connect, '"../values.yaml"', 'valuesFile', '../values.yaml'),
    form(connect, 'not YAML "values.json"', 'valuesFile', 'values.json'),
    form(connect, 'of 100,000 characters', 'envPrefix', HUGE),
    form(connect, 'with a hyphen "DB-"', 'envPrefix', 'DB-'),
    form(connect, 'with a newline', 'envPrefix', 'DB_\nX_'),
    form(connect, '"superuser"', 'role', 'superuser'),

    form(protect, '"yes" (a string)', 'protect', 'yes'),
    form(protect, 'false in demo-prod', 'protect', false, {
      database: { namespace: 'demo-prod', name: 'hostile' },
    }),
    ...names(protect, 'database.name', SOME_HOSTILE_NAMES.slice(0, 2)),

    form(remove, 'of 100,000 characters', 'confirmName', HUGE),
    form(remove, '-5', 'waitMinutes', -5),
    ...names(remove, 'database.name', SOME_HOSTILE_NAMES.slice(0, 2)),

    form(upgrade, '"9.9.9"', 'chartVersion', '9.9.9'),
    form(upgrade, '"0.4.1" (not offered as a target)', 'chartVersion', '0.4.1'),
    form(upgrade, 'of 100,000 characters', 'confirmName', HUGE),
    ...names(upgrade, 'database.namespace', SOME_HOSTILE_NAMES.slice(0, 2)),
  ],
  KNOWN_GAPS,
);
