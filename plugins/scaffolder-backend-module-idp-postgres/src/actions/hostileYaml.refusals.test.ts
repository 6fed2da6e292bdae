import { ConfigReader } from '@backstage/config';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { applicationYaml } from '../__testUtils__/definitions';
import {
  createWorkspace,
  removeWorkspaces,
  runAction,
  snapshotDirectory,
} from '../__testUtils__/workspace';
import { createConnectAppAction } from './connectApp/connectApp';
import { createPlanUpgradeAction } from './planUpgrade/planUpgrade';
import { createRemoveDatabaseAction } from './removeDatabase/removeDatabase';
import { createSetChartVersionAction } from './setChartVersion/setChartVersion';
import { createSetDeletionProtectionAction } from './setDeletionProtection/setDeletionProtection';

/**
 * Every action that reads or edits the apps repo's YAML refuses a file with
 * an alias bomb or a non-core tag as a 400 naming the file, and writes
 * nothing; before, some wrote such files back and some failed with a 500.
 */

const options = { config: new ConfigReader({}) };

const BOMB = (() => {
  const names = 'abcdefghi';
  const lines = [`a: &a [${Array(9).fill('"lol"')}]`];
  for (let i = 1; i < names.length; i++) {
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`)}]`,
    );
  }
  return `${lines.join('\n')}\n`;
})();
const JS_TAG = 'hook: !!js/function "function () { return process.env }"\n';
const VAULT_TAG = 'hook: !vault secret/data/db#password\n';

const VALUES =
  'postgresqlDatabases:\n  - name: orders\n    deletionProtection: false\n';
const CATALOG =
  'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: team-a.orders\nspec:\n  type: postgresql-database\n  owner: group:default/team-a\n';

/** The definition folder team-a/orders with one file replaced. */
function definition(override: Record<string, string>): Record<string, string> {
  return {
    'team-a/orders/values.yaml': VALUES,
    'team-a/orders/application.yaml': applicationYaml('0.5.0'),
    'team-a/orders/catalog-info.yaml': CATALOG,
    ...override,
  };
}

type Case = [
  string,
  TemplateAction<any, any, any>,
  Record<string, unknown>,
  Record<string, string>,
  RegExp,
];

const connect = createConnectAppAction(options);
const connectInput = {
  valuesPath: 'team-a/shop/values.yaml',
  namespace: 'team-a',
  database: 'orders',
};
const setChart = createSetChartVersionAction(options);
const setChartInput = { targetPath: 'team-a/orders', chartVersion: '1.0.4' };
const plan = createPlanUpgradeAction(options);
const ref = { namespace: 'team-a', name: 'orders' };
const protect = createSetDeletionProtectionAction(options);
const remove = createRemoveDatabaseAction(options);

const values = (prefix: string) => ({
  'team-a/orders/values.yaml': `${prefix}${VALUES}`,
});
const application = (prefix: string) => ({
  'team-a/orders/application.yaml': `${prefix}${applicationYaml('0.5.0')}`,
});

const aliases = /uses YAML aliases that expand beyond 100 copies/;
const tag = (name: string) => new RegExp(`uses the YAML tag "${name}"`);

const cases: Case[] = [
  [
    'connect-app: an alias bomb in the values file',
    connect,
    connectInput,
    { 'team-a/shop/values.yaml': `${BOMB}env: []\n` },
    /^team-a\/shop\/values.yaml uses YAML aliases/,
  ],
  [
    'connect-app: a !!js/function tag',
    connect,
    connectInput,
    { 'team-a/shop/values.yaml': `${JS_TAG}env: []\n` },
    /^team-a\/shop\/values.yaml uses the YAML tag "!!js\/function"/,
  ],
  [
    'connect-app: a custom tag',
    connect,
    connectInput,
    { 'team-a/shop/values.yaml': `${VAULT_TAG}env: []\n` },
    tag('!vault'),
  ],
  [
    'set-chart-version: an alias bomb in values.yaml',
    setChart,
    setChartInput,
    definition(values(BOMB)),
    aliases,
  ],
  [
    'set-chart-version: an alias bomb in application.yaml',
    setChart,
    setChartInput,
    definition(application(BOMB)),
    /application.yaml uses YAML aliases/,
  ],
  [
    'set-chart-version: a !!js/function tag in values.yaml',
    setChart,
    setChartInput,
    definition(values(JS_TAG)),
    /values.yaml uses the YAML tag "!!js\/function"/,
  ],
  [
    'set-chart-version: a custom tag in values.yaml',
    setChart,
    setChartInput,
    definition(values(VAULT_TAG)),
    tag('!vault'),
  ],
  [
    'plan-upgrade: an alias bomb in catalog-info.yaml',
    plan,
    { ...ref, chartVersion: '1.0.4' },
    definition({ 'team-a/orders/catalog-info.yaml': BOMB }),
    /catalog-info.yaml uses YAML aliases/,
  ],
  [
    'plan-upgrade: an alias bomb in values.yaml',
    plan,
    { ...ref, chartVersion: '1.0.4' },
    definition(values(BOMB)),
    /values.yaml uses YAML aliases/,
  ],
  [
    'set-deletion-protection: an alias bomb in values.yaml',
    protect,
    { ...ref, protect: true },
    definition(values(BOMB)),
    /values.yaml uses YAML aliases/,
  ],
  [
    'set-deletion-protection: a custom tag on the entry',
    protect,
    { ...ref, protect: true },
    definition({
      'team-a/orders/values.yaml':
        'postgresqlDatabases:\n  - !vault\n    name: orders\n    deletionProtection: false\n',
    }),
    /values.yaml uses the YAML tag "!vault"/,
  ],
  [
    'remove-database: an alias bomb in application.yaml',
    remove,
    { ...ref, confirmName: 'orders' },
    definition(application(BOMB)),
    /application.yaml uses YAML aliases/,
  ],
];

afterAll(removeWorkspaces);

describe('hostile YAML in the apps repo', () => {
  it.each(cases)(
    '%s is refused as input, naming the file, and changes nothing',
    async (_, action, input, files, message) => {
      const ws = createWorkspace(files);
      const before = snapshotDirectory(ws);
      let thrown: unknown;
      try {
        await runAction(action, ws, input);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ name: 'InputError', message });
      expect(snapshotDirectory(ws)).toEqual(before);
    },
  );
});
