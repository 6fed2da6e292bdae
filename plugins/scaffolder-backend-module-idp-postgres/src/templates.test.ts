import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_CHART_VERSION,
  dnsLabelProblem,
  isProductionNamespace,
  parseChartVersion,
  writeDatabaseEntry,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createAllActions } from './actions/allActions';
import { ENV_PREFIX_PATTERN } from './actions/connectApp/envBlock';
import {
  ENTITY_REF_PATTERN,
  SLACK_CHANNEL_PATTERN,
} from './actions/inputRules';
import { TEMPLATES } from './actions/templateNames';
import { OFFERED_CHART_VERSIONS } from './definition/chartVersions';

// Shipped by the catalog module, whose template provider puts them into the catalog.
const templatesDir = path.resolve(
  __dirname,
  '../../catalog-backend-module-idp-postgres/templates',
);
const ourActions = createAllActions({ config: new ConfigReader({}) });
const builtInActions: Record<string, string[]> = {
  'fetch:plain': ['url', 'targetPath'],
  'publish:github:pull-request': [
    'repoUrl',
    'targetBranchName',
    'branchName',
    'title',
    'description',
    'sourcePath',
    'targetPath',
    'filesToDelete',
  ],
};
const builtInOutputs: Record<string, string[]> = {
  'publish:github:pull-request': [
    'remoteUrl',
    'pullRequestNumber',
    'targetBranchName',
  ],
};

const templateNames = [
  'create-postgres-database',
  'connect-app-to-postgres',
  'upgrade-postgres-database',
  'protect-postgres-database',
  'remove-postgres-database',
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

const schemaOf = (actionId: string, kind: 'input' | 'output') =>
  (ourActions.find(a => a.id === actionId)?.schema?.[kind] as any)
    ?.properties ?? {};

/** Every `${{ ... }}` expression anywhere in a value. */
function expressions(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/\$\{\{(.*?)\}\}/g)].map(m => m[1]);
}

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

describe.each(templateNames)('template %s', name => {
  const template = loadTemplate(name);
  const form = fields(template);
  const steps: any[] = template.spec.steps;

  it('is a v1beta3 Template entity named like its folder', () => {
    expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
    expect(template.kind).toBe('Template');
    expect(template.metadata.name).toBe(name);
    expect(template.spec.owner).toBeTruthy();
  });

  it('uses only actions that exist, with inputs those actions accept', () => {
    const problems: string[] = [];
    for (const step of steps) {
      const accepted =
        builtInActions[step.action] ??
        Object.keys(schemaOf(step.action, 'input'));
      if (accepted.length === 0) {
        problems.push(`unknown action ${step.action}`);
      }
      problems.push(
        ...Object.keys(step.input ?? {})
          .filter(key => !accepted.includes(key))
          .map(key => `${step.id}: ${step.action} has no input ${key}`),
      );
    }
    expect(problems).toEqual([]);
  });

  it('gives every required input of our actions', () => {
    const missing = steps
      .filter(step => step.action.startsWith('idp:postgres:'))
      .flatMap(step =>
        (
          ourActions.find(a => a.id === step.action)?.schema?.input as any
        ).required
          .filter((key: string) => !(key in (step.input ?? {})))
          .map((key: string) => `${step.id}: ${key}`),
      );
    expect(missing).toEqual([]);
  });

  it('refers only to parameters and step outputs that exist', () => {
    const stepIds = steps.map(s => s.id);
    const problems: string[] = [];
    for (const expression of expressions(template.spec)) {
      for (const [, param] of expression.matchAll(/parameters\.([A-Za-z]+)/g)) {
        if (!(param in form)) problems.push(`parameters.${param}`);
      }
      for (const [, id, output] of expression.matchAll(
        /steps\['([a-z-]+)'\]\.output\.([A-Za-z]+)/g,
      )) {
        const step = steps.find(s => s.id === id);
        const outputs = step
          ? builtInOutputs[step.action] ??
            Object.keys(schemaOf(step.action, 'output'))
          : [];
        if (!stepIds.includes(id) || !outputs.includes(output)) {
          problems.push(`steps['${id}'].output.${output}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('names the database with the IdpPostgresDatabaseName field, validated like the actions', () => {
    const database = form.database;
    expect(database.type).toBe('object');
    expect(database['ui:field']).toBe('IdpPostgresDatabaseName');
    expect(database['ui:options']?.existing ?? false).toBe(
      name !== 'create-postgres-database',
    );
    expect(database.required).toEqual(['namespace', 'name']);
    for (const part of ['namespace', 'name']) {
      const { pattern, maxLength } = database.properties[part];
      expect(maxLength).toBe(63);
      expect(
        names.map(value => [
          value,
          value.length <= maxLength && new RegExp(pattern).test(value),
        ]),
      ).toEqual(
        names.map(value => [value, dnsLabelProblem(value) === undefined]),
      );
    }
  });

  it('reads from and publishes to the apps repo on main', () => {
    expect(form.repoUrl.default).toBe('github.com?owner=jppol-idp&repo=apps');
    expect(form.repoUrl['ui:field']).toBe('RepoUrlPicker');
    expect(form.targetBranchName.default).toBe('main');
    const publishes = steps.filter(
      s => s.action === 'publish:github:pull-request',
    );
    expect(publishes.length).toBeGreaterThan(0);
    // Each pull request of one run needs a branch of its own.
    const branches = publishes.map(s => s.input.branchName);
    expect(new Set(branches).size).toBe(branches.length);
    for (const publish of publishes) {
      expect(publish.input.sourcePath).toBe(publish.input.targetPath);
      // The GitHub action joins filesToDelete to targetPath, and the actions output repository paths.
      expect(
        publish.input.filesToDelete === undefined ||
          publish.input.targetPath === undefined,
      ).toBe(true);
    }
    const fetch = steps.find(s => s.action === 'fetch:plain');
    expect(fetch.input.targetPath).toBe(
      name === 'connect-app-to-postgres'
        ? '${{ parameters.appPath }}'
        : '${{ parameters.database.namespace }}',
    );
  });

  it('limits the length of every text field, so no client can send megabytes', () => {
    const unlimited: string[] = [];
    const walk = (properties: Record<string, any>, prefix: string) => {
      for (const [key, field] of Object.entries(properties)) {
        if (field.type === 'string' && field.enum === undefined) {
          if (typeof field.maxLength !== 'number') {
            unlimited.push(`${prefix}${key}`);
          }
        }
        if (field.properties) walk(field.properties, `${prefix}${key}.`);
      }
    };
    walk(form, '');
    expect(unlimited).toEqual([]);
  });

  it('accepts only branch names git allows, and none that leave the repository', () => {
    const branch = new RegExp(form.targetBranchName.pattern, 'u');
    const verdicts = (values: string[]) =>
      values.map(value => [value, branch.test(value)]);
    const good = ['main', 'release/1.2', 'feature/db_x-2', 'v1.0'];
    const bad = [
      '../../etc',
      '..',
      'main/../other',
      '/main',
      'main/',
      'a//b',
      '.hidden',
      'a/.hidden',
      'main.',
      'x.lock',
      'x.lock/y',
      'main; rm -rf /',
      'main\nx',
      '',
    ];
    expect(verdicts(good)).toEqual(good.map(value => [value, true]));
    expect(verdicts(bad)).toEqual(bad.map(value => [value, false]));
  });

  it('refuses, in the form, an apps repository on another host than the shipped one', () => {
    const repo = new RegExp(form.repoUrl.pattern, 'u');
    expect(repo.test(form.repoUrl.default)).toBe(true);
    for (const other of [
      'evil.example?owner=x&repo=apps',
      'githubXcom?owner=x&repo=apps',
      'github.com.evil.example?owner=x&repo=apps',
      'github.com?owner=x&repo=apps&host=evil.example',
    ]) {
      expect([other, repo.test(other)]).toEqual([other, false]);
    }
  });

  it('links the pull request', () => {
    const urls = template.spec.output.links.map((l: any) => l.url);
    expect(urls.some((u: string) => /remoteUrl/.test(u ?? ''))).toBe(true);
  });

  it('writes `<placeholders>` in backticks, since descriptions render as markdown', () => {
    const descriptions = JSON.stringify(template.spec.parameters)
      .match(/"description":"(?:[^"\\]|\\.)*"/g)!
      .filter(d => /<[a-z]+>/.test(d.replace(/`[^`]*`/g, '')));
    expect(descriptions).toEqual([]);
  });
});

describe('the hidden waitMinutes parameter', () => {
  it.each([
    ['create-postgres-database', 'wait', 'timeoutMinutes'],
    ['remove-postgres-database', 'wait', 'timeoutMinutes'],
    ['upgrade-postgres-database', 'force-delete-secrets', 'waitMinutes'],
    ['upgrade-postgres-database', 'wait', 'timeoutMinutes'],
  ])('%s passes it to %s.%s within the action limits', (name, id, input) => {
    const template = loadTemplate(name);
    const form = fields(template);
    const step = template.spec.steps.find((s: any) => s.id === id);
    expect(step.input[input]).toBe('${{ parameters.waitMinutes }}');
    expect(form.waitMinutes['ui:widget']).toBe('hidden');
    // No default: an absent value lets the action use its own.
    expect(form.waitMinutes.default).toBeUndefined();
    const limits = schemaOf(step.action, 'input')[input];
    expect([form.waitMinutes.minimum, form.waitMinutes.maximum]).toEqual([
      limits.minimum,
      limits.maximum,
    ]);
  });
});

describe('the templates messages point to', () => {
  it.each(Object.values(TEMPLATES))('$name is "$title"', ({ name, title }) => {
    expect(loadTemplate(name).metadata.title).toBe(title);
  });
});

describe('create-postgres-database form', () => {
  const template = loadTemplate('create-postgres-database');
  const form = fields(template);
  const conditions = conditionsOf(template);

  it('offers the chart versions the platform offers, defaulting to the manual one', () => {
    expect(form.chartVersion.enum).toEqual(OFFERED_CHART_VERSIONS);
    expect(form.chartVersion.default).toBe(DEFAULT_CHART_VERSION);
  });

  it('uses the deletion protection field, and requires protection where the action does', () => {
    expect(form.deletionProtection['ui:field']).toBe(
      'IdpPostgresDeletionProtection',
    );
    const rule = conditions.find(
      (c: any) => c.if.properties.database !== undefined,
    );
    expect(rule.then.properties.deletionProtection.const).toBe(true);
    expect(rule.then.required).toContain('deletionProtection');
    const pattern = new RegExp(
      rule.if.properties.database.properties.namespace.pattern,
    );
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

  it('uses the action rules for the owner and the one-line description', () => {
    const input = schemaOf('idp:postgres:create-database', 'input');
    expect(form.owner.pattern).toBe(ENTITY_REF_PATTERN.source);
    expect(form.owner.maxLength).toBe(input.owner.maxLength);
    expect(form.description.maxLength).toBe(input.description.maxLength);
    const owner = new RegExp(form.owner.pattern, 'u');
    expect(owner.test('group:default/team-shop')).toBe(true);
    expect(owner.test('x"; DROP DATABASE postgres; --')).toBe(false);
    const description = new RegExp(form.description.pattern, 'u');
    expect(description.test('Orders of the shop, øæå')).toBe(true);
    for (const value of ['x\nkind: Secret', 'x\r', 'tab\there', 'nul\u0000']) {
      expect([value, description.test(value)]).toEqual([value, false]);
    }
  });

  it('publishes only the definition folder, waits, and links the pull request, entity and tab', () => {
    const steps = template.spec.steps;
    const publish = steps.find((s: any) => s.id === 'publish');
    expect(publish.input.sourcePath).toContain("steps['create-database']");
    const wait = steps.find((s: any) => s.id === 'wait');
    expect(wait.action).toBe('idp:postgres:wait-for-database');
    expect(wait.input.link).toBe("${{ steps['publish'].output.remoteUrl }}");
    const links = template.spec.output.links;
    expect(links.map((l: any) => l.url ?? l.entityRef)).toEqual([
      "${{ steps['publish'].output.remoteUrl }}",
      "${{ steps['create-database'].output.entityRef }}",
      "${{ steps['wait'].output.tabPath }}",
    ]);
    expect(template.spec.output.text[0].content).toBe(
      "${{ steps['wait'].output.summary }}",
    );
  });
});

describe('connect-app-to-postgres form', () => {
  const template = loadTemplate('connect-app-to-postgres');
  const form = fields(template);

  it('offers the roles and prefixes the action accepts', () => {
    expect([...form.role.enum].sort()).toEqual(['admin', 'read', 'write']);
    expect(form.envPrefix.pattern).toBe(ENV_PREFIX_PATTERN.source);
  });

  it('accepts only <namespace>/<app> folders, whose first folder is the app namespace', () => {
    const pattern = new RegExp(form.appPath.pattern);
    const cases: [string, boolean][] = [
      ['idp-dev/my-app', true],
      ['idp-dev/my.app', true],
      ['app', false],
      ['../secrets', false],
      ['idp-dev/../../x', false],
      ['idp-dev/..', false],
      ['idp-dev/.github', false],
      ['/etc', false],
      ['idp-dev/', false],
      ['idp-dev/a/b', false],
      ['Idp-dev/app', false],
      ['a\nb', false],
    ];
    for (const [value, ok] of cases) {
      expect([value, pattern.test(value)]).toEqual([value, ok]);
    }
    // The action's default app namespace is the first folder of valuesPath.
    const connect = template.spec.steps.find(
      (s: any) => s.action === 'idp:postgres:connect-app',
    );
    expect(connect.input.valuesPath).toMatch(
      /^\$\{\{ parameters\.appPath \}\}\//,
    );
    expect(connect.input.appNamespace).toBeUndefined();
  });

  it('shows the warnings and links the tab', () => {
    expect(JSON.stringify(template.spec.output.text)).toContain(
      "steps['connect-app'].output.warnings",
    );
    expect(template.spec.output.links.map((l: any) => l.url)).toContain(
      "${{ steps['connect-app'].output.tabUrl }}",
    );
  });
});

describe('upgrade-postgres-database form', () => {
  const template = loadTemplate('upgrade-postgres-database');
  const form = fields(template);
  const steps: any[] = template.spec.steps;
  const procedures = schemaOf('idp:postgres:plan-upgrade', 'output').procedure
    .enum;

  it('offers the versions of the 0.5.0 resource API that the platform offers', () => {
    for (const version of form.chartVersion.enum) {
      expect(OFFERED_CHART_VERSIONS).toContain(version);
      expect(parseChartVersion(version).dialect).not.toBe('name-only');
    }
  });

  it('asks for the name as confirmation of data loss, saying when it is needed', () => {
    expect(form.confirmName.title).toBe(
      'Type the database name to confirm data loss',
    );
    expect(form.confirmName.description).toMatch(
      /Required when the database is on chart 0.4.1/,
    );
  });

  it('runs each step only for the procedure it belongs to', () => {
    const conditions = Object.fromEntries(
      steps.map(s => [s.id, s.if ?? 'always']),
    );
    const only = (procedure: string) =>
      `\${{ steps['plan'].output.procedure == '${procedure}' }}`;
    expect(conditions).toEqual({
      'fetch-namespace': 'always',
      plan: 'always',
      'set-chart-version': only('in-place'),
      publish: only('in-place'),
      remove: only('recreate'),
      'publish-removal': only('recreate'),
      'force-delete-secrets': only('recreate'),
      'create-database': only('recreate'),
      'publish-readd': only('recreate'),
      wait: only('recreate'),
    });
    const used = Object.values(conditions).flatMap(condition =>
      [...String(condition).matchAll(/== '([a-z-]+)'/g)].map(m => m[1]),
    );
    expect(used.filter(p => !procedures.includes(p))).toEqual([]);
  });

  it('re-adds the database as the plan read it', () => {
    const create = steps.find(s => s.id === 'create-database');
    for (const input of [
      'deletionProtection',
      'slackChannel',
      'description',
      'owner',
      'targetPath',
    ]) {
      expect(create.input[input]).toBe(`\${{ steps['plan'].output.${input} }}`);
    }
    expect(create.input.chartVersion).toBe('${{ parameters.chartVersion }}');
    const removal = steps.find(s => s.id === 'publish-removal');
    expect(removal.input.filesToDelete).toBe(
      "${{ steps['remove'].output.filesToDelete }}",
    );
  });
});

describe('protect-postgres-database form', () => {
  const template = loadTemplate('protect-postgres-database');
  const form = fields(template);

  it('uses the deletion protection field and keeps production protected', () => {
    expect(form.protect['ui:field']).toBe('IdpPostgresDeletionProtection');
    const [rule] = conditionsOf(template);
    expect(rule.then.properties.protect.const).toBe(true);
  });

  it('opens a pull request only when something changed', () => {
    const publish = template.spec.steps.find((s: any) => s.id === 'publish');
    expect(publish.if).toBe("${{ steps['protect'].output.changed }}");
  });
});

describe('remove-postgres-database form', () => {
  const template = loadTemplate('remove-postgres-database');

  it('states the consequences with and without protection before anything happens', () => {
    const page = template.spec.parameters[0];
    expect(page.description).toMatch(
      /Without deletion protection.*ALL ITS DATA/,
    );
    expect(page.description).toMatch(
      /With\s+deletion protection, only the Kubernetes side goes/,
    );
    expect(page.required).toContain('confirmName');
  });

  it('deletes the files the action names and waits for the removal', () => {
    const steps = template.spec.steps;
    expect(steps.find((s: any) => s.id === 'publish').input.filesToDelete).toBe(
      "${{ steps['remove'].output.filesToDelete }}",
    );
    expect(steps.find((s: any) => s.id === 'wait').input.expect).toBe(
      'removed',
    );
    expect(template.spec.output.text[0].content).toBe(
      "${{ steps['remove'].output.consequence }}",
    );
  });
});
