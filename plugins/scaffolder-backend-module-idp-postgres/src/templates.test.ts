import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_CHART_VERSION,
  databaseRefProblems,
  dnsLabelProblem,
  isProductionNamespace,
  parseChartVersion,
  writeDatabaseEntry,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createConnectAppAction } from './actions/connectApp/connectApp';
import { ENV_PREFIX_PATTERN } from './actions/connectApp/envBlock';
import { createCreateDatabaseAction } from './actions/createDatabase/createDatabase';
import { SLACK_CHANNEL_PATTERN } from './actions/inputRules';
import { createSetChartVersionAction } from './actions/setChartVersion/setChartVersion';

const templatesDir = path.resolve(__dirname, '../../../templates');
const config = new ConfigReader({});
const ourActions = [
  createCreateDatabaseAction({ config }),
  createConnectAppAction({ config }),
  createSetChartVersionAction({ config }),
];
const builtInActions = [
  'fetch:plain',
  'fetch:plain:file',
  'publish:github:pull-request',
  'catalog:register',
  'debug:log',
];

function loadTemplate(name: string) {
  return parse(
    fs.readFileSync(path.join(templatesDir, name, 'template.yaml'), 'utf8'),
  );
}

/** Every form field of a template, across its pages. */
function fields(template: any): Record<string, any> {
  return Object.assign(
    {},
    ...template.spec.parameters.map((page: any) => page.properties),
  );
}

const conditionsOf = (template: any) =>
  template.spec.parameters.flatMap((page: any) => page.allOf ?? []);

const names: string[] = [
  'my-db',
  'a',
  '0',
  'idp-dev',
  'x1-2y',
  'a'.repeat(63),
  '',
  'My-db',
  'my_db',
  'my.db',
  '-db',
  'db-',
  'my db',
  'my-db\n  evil: x',
  'a: b',
  'æøå',
  'db"; drop',
  'a'.repeat(64),
];

describe.each(['create-postgres-database', 'connect-app-to-postgres'])(
  'template %s',
  name => {
    const template = loadTemplate(name);

    it('is a v1beta3 Template entity named like its folder', () => {
      expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
      expect(template.kind).toBe('Template');
      expect(template.metadata.name).toBe(name);
      expect(template.spec.owner).toBeTruthy();
    });

    it('uses only actions that exist, with inputs those actions accept', () => {
      const unknownActions: string[] = [];
      const unknownInputs: string[] = [];
      for (const step of template.spec.steps) {
        const ours = ourActions.find(a => a.id === step.action);
        if (!ours && !builtInActions.includes(step.action)) {
          unknownActions.push(step.action);
        }
        const accepted = Object.keys(
          (ours?.schema?.input as any)?.properties ?? {},
        );
        unknownInputs.push(
          ...Object.keys(ours ? step.input : {})
            .filter(key => !accepted.includes(key))
            .map(key => `${step.action}: ${key}`),
        );
      }
      expect(unknownActions).toEqual([]);
      expect(unknownInputs).toEqual([]);
    });

    it('validates namespace and database names exactly like the actions', () => {
      const form = fields(template);
      const checked = ['namespace', 'name', 'database'].filter(f => form[f]);
      expect(checked.length).toBe(2);
      for (const field of checked) {
        const { pattern, maxLength } = form[field];
        // Within the form's length limit, the form and common agree on every name.
        const verdicts = names
          .filter(value => value.length <= maxLength)
          .map(value => [value, new RegExp(pattern).test(value)]);
        expect(verdicts).toEqual(
          names
            .filter(value => value.length <= maxLength)
            .map(value => [value, dnsLabelProblem(value) === undefined]),
        );
      }
    });

    it('limits lengths so that any two accepted names fit in 63 bytes', () => {
      const form = fields(template);
      const nameField = form.name ?? form.database;
      const longest = {
        namespace: 'n'.repeat(form.namespace.maxLength),
        name: 'd'.repeat(nameField.maxLength),
      };
      expect(databaseRefProblems(longest)).toEqual([]);
      // One more character in either field would be over the limit.
      expect(
        databaseRefProblems({ ...longest, name: `${longest.name}dd` }),
      ).not.toEqual([]);
    });
  },
);

describe('create-postgres-database form', () => {
  const template = loadTemplate('create-postgres-database');
  const form = fields(template);
  const conditions = conditionsOf(template);

  it('offers chart versions common can write, defaulting to the manual one', () => {
    for (const version of form.chartVersion.enum) {
      expect(() => parseChartVersion(version)).not.toThrow();
    }
    expect(form.chartVersion.default).toBe(DEFAULT_CHART_VERSION);
  });

  it('requires protection in namespaces the action treats as production', () => {
    const rule = conditions.find(
      (c: any) => c.if.properties.namespace !== undefined,
    );
    expect(rule.then.properties.deletionProtection.const).toBe(true);
    expect(rule.then.required).toContain('deletionProtection');
    const pattern = new RegExp(rule.if.properties.namespace.pattern);
    for (const ns of [
      'shop-prod',
      'idp-prod',
      'a-prod',
      'prod',
      'shop-production',
      'prod-shop',
      'idp-dev',
      'shop-prod-test',
      'xprod',
    ]) {
      expect([ns, pattern.test(ns)]).toEqual([ns, isProductionNamespace(ns)]);
    }
  });

  it('forbids protection exactly where the chart cannot express it', () => {
    const rule = conditions.find(
      (c: any) => c.if.properties.chartVersion !== undefined,
    );
    const forbidden = [rule.if.properties.chartVersion.const];
    for (const version of form.chartVersion.enum) {
      const canProtect = (() => {
        try {
          writeDatabaseEntry(version, { name: 'x', protected: true });
          return true;
        } catch {
          return false;
        }
      })();
      expect([version, canProtect]).toEqual([
        version,
        !forbidden.includes(version),
      ]);
    }
    expect(rule.then.properties.deletionProtection.const).toBe(false);
  });

  it('uses the action rule for Slack channels', () => {
    expect(form.slackChannel.pattern).toBe(SLACK_CHANNEL_PATTERN.source);
  });

  it('publishes only the definition folder and links the pull request and entity', () => {
    const publish = template.spec.steps.find(
      (s: any) => s.action === 'publish:github:pull-request',
    );
    expect(publish.input.sourcePath).toBe(publish.input.targetPath);
    expect(publish.input.sourcePath).toContain("steps['create-database']");
    expect(form.repoUrl.default).toBe('github.com?owner=jppol-idp&repo=apps');
    const links = template.spec.output.links;
    expect(links.map((l: any) => l.url ?? l.entityRef)).toEqual([
      "${{ steps['publish'].output.remoteUrl }}",
      "${{ steps['create-database'].output.entityRef }}",
    ]);
  });
});

describe('connect-app-to-postgres form', () => {
  const form = fields(loadTemplate('connect-app-to-postgres'));

  it('offers the roles and prefixes the action accepts', () => {
    expect([...form.role.enum].sort()).toEqual(['admin', 'read', 'write']);
    expect(form.envPrefix.pattern).toBe(ENV_PREFIX_PATTERN.source);
  });

  it('accepts only relative app folders without ".."', () => {
    const pattern = new RegExp(form.appPath.pattern);
    const cases: [string, boolean][] = [
      ['idp-dev/my-app', true],
      ['idp-dev/my.app', true],
      ['app', true],
      ['../secrets', false],
      ['idp-dev/../../x', false],
      ['idp-dev/..', false],
      ['/etc', false],
      ['idp-dev/', false],
      ['a\nb', false],
    ];
    for (const [value, ok] of cases) {
      expect([value, pattern.test(value)]).toEqual([value, ok]);
    }
  });
});
