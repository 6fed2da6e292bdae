import { parseAppsRepo } from './parseAppsRepo';

const CHART = (version: string) =>
  `apiVersion: v2\nname: x\nhelm:\n  chart: helm/idp-postgresql\n  chartVersion: ${version}\n`;
const APP_CHART = 'apiVersion: v2\nname: x\nhelm:\n  chart: helm/idp-app\n';

function parse(files: Record<string, string>) {
  return parseAppsRepo(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    {
      commit: 'abc123',
      fileUrl: path => `https://github.com/org/apps/blob/main/${path}`,
    },
  );
}

describe('parseAppsRepo', () => {
  it('reads every database of every chart folder, whatever the folder is called', () => {
    const repo = parse({
      'team-a/databases/application.yaml': CHART('0.5.0'),
      'team-a/databases/values.yaml':
        'postgresqlDatabases:\n  - name: orders\n    deletionProtection: true\n  - name: audit\n',
      'team-b/reports/application.yaml': CHART('1.0.4'),
      'team-b/reports/values.yaml':
        'postgresqlDatabases:\n  - name: reports\n    mode: protected\n',
      'team-b/web/application.yaml': APP_CHART,
      'team-b/web/values.yaml': 'image: web\n',
      'README.md': '# not a folder file',
    });
    expect(
      repo.databases.map(d => [
        `${d.ref.namespace}/${d.ref.name}`,
        d.definition.folder,
        d.definition.chartVersion,
        d.definition.protected,
      ]),
    ).toEqual([
      ['team-a/orders', 'team-a/databases', '0.5.0', true],
      ['team-a/audit', 'team-a/databases', '0.5.0', false],
      ['team-b/reports', 'team-b/reports', '1.0.4', true],
    ]);
    expect(repo.databases[0].definition).toMatchObject({
      valuesPath: 'team-a/databases/values.yaml',
      commit: 'abc123',
      url: 'https://github.com/org/apps/blob/main/team-a/databases/values.yaml',
    });
    expect(repo.problems).toEqual([]);
  });

  it('names the values keys the chart version rejects, for every database of the file', () => {
    const repo = parse({
      'demo-dev/analytics/application.yaml': CHART('1.0.4'),
      'demo-dev/analytics/values.yaml':
        'postgresqlDatabases:\n  - name: analytics\n    mode: standard\n  - name: clicks\nreplicas: 3\n',
      // Chart 0.5.0 has no schema: an unknown key is ignored, not rejected.
      'demo-dev/orders/application.yaml': CHART('0.5.0'),
      'demo-dev/orders/values.yaml':
        'postgresqlDatabases:\n  - name: orders\nreplicas: 3\n',
    });
    expect(
      repo.databases.map(d => [d.ref.name, d.definition.rejectedValuesKeys]),
    ).toEqual([
      ['analytics', ['replicas']],
      ['clicks', ['replicas']],
      ['orders', undefined],
    ]);
    expect(repo.problems).toEqual([]);
  });

  it("takes owners from the folder's catalog-info.yaml, only for its own databases", () => {
    const repo = parse({
      'team-a/orders/application.yaml': CHART('0.5.0'),
      'team-a/orders/values.yaml': 'postgresqlDatabases:\n  - name: orders\n',
      'team-a/orders/catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: team-a.orders\n  description: Orders\n  annotations:\n    idp.jppol.dk/postgresql-databases: team-a/orders\nspec:\n  owner: team-a\n',
      // Another folder claims team-a/orders in its annotation: ignored.
      'team-b/app/application.yaml': CHART('0.5.0'),
      'team-b/app/values.yaml': 'postgresqlDatabases:\n  - name: mine\n',
      'team-b/app/catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: claim\n  annotations:\n    idp.jppol.dk/postgresql-databases: team-a/orders, team-b/mine\nspec:\n  owner: group:default/team-b\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: app\nspec:\n  owner: team-b\n',
    });
    const owners = Object.fromEntries(
      repo.databases.map(d => [
        `${d.ref.namespace}/${d.ref.name}`,
        [d.owner?.entityRef, d.owner?.path, d.description],
      ]),
    );
    expect(owners).toEqual({
      'team-a/orders': [
        'group:default/team-a',
        'team-a/orders/catalog-info.yaml',
        'Orders',
      ],
      'team-b/mine': [
        'group:default/team-b',
        'team-b/app/catalog-info.yaml',
        undefined,
      ],
    });
  });

  it("finds the apps whose values read a database's secrets in their own namespace", () => {
    const repo = parse({
      'team-a/api/application.yaml': APP_CHART,
      'team-a/api/values.yaml': [
        'env:',
        '  - name: DB_USER',
        '    valueFrom: { secretKeyRef: { name: team-a-orders-write, key: username } }',
        '  - name: STOCK_USER',
        '    valueFrom: { secretKeyRef: { name: team-a-big-stock-read, key: username } }',
        '  - name: OTHER',
        '    valueFrom: { secretKeyRef: { name: team-b-orders-write, key: username } }',
        'envFrom:',
        '  - secretRef: { name: team-a-orders-admin }',
      ].join('\n'),
      'team-a/api/catalog-info.yaml':
        'kind: Component\nmetadata:\n  name: shop-api\n',
      'team-a/cron/values.yaml':
        'jobs:\n  - env:\n      - valueFrom: { secretKeyRef: { name: team-a-orders-read } }\n',
    });
    expect(Object.fromEntries(repo.uses)).toEqual({
      'team-a/orders': [
        {
          folder: 'team-a/api',
          valuesPath: 'team-a/api/values.yaml',
          roles: ['admin', 'write'],
          entityRef: 'component:default/shop-api',
        },
        {
          folder: 'team-a/cron',
          valuesPath: 'team-a/cron/values.yaml',
          roles: ['read'],
          entityRef: 'component:default/cron',
        },
      ],
      'team-a/big-stock': [
        expect.objectContaining({ folder: 'team-a/api', roles: ['read'] }),
      ],
    });
  });

  it('reports a folder it cannot read with the reason, and keeps the rest', () => {
    const repo = parse({
      'team-a/good/application.yaml': CHART('0.5.0'),
      'team-a/good/values.yaml': 'postgresqlDatabases:\n  - name: good\n',
      'team-a/broken/application.yaml': CHART('0.5.0'),
      'team-a/broken/values.yaml': 'postgresqlDatabases: [\n',
      'team-a/tags/application.yaml': CHART('0.5.0'),
      'team-a/tags/values.yaml': 'postgresqlDatabases: !!js/function x\n',
      'team-a/bomb/application.yaml': CHART('0.5.0'),
      'team-a/bomb/values.yaml': `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from(
        { length: 60 },
        (_, i) => `b${i}: *a`,
      ).join('\n')}\n`,
      'team-a/long/application.yaml': CHART('0.5.0'),
      'team-a/long/values.yaml': `postgresqlDatabases:\n  - name: ${'x'.repeat(
        70,
      )}\n`,
      'team-a/twice/application.yaml': CHART('0.5.0'),
      'team-a/twice/values.yaml': 'postgresqlDatabases:\n  - name: good\n',
      'team-a/noversion/application.yaml':
        'helm:\n  chart: helm/idp-postgresql\n',
    });
    expect(repo.databases.map(d => d.ref.name)).toEqual(['good']);
    const reasons = Object.fromEntries(
      repo.problems.map(p => [p.source, p.reason]),
    );
    expect(Object.keys(reasons).sort()).toEqual([
      'team-a/bomb',
      'team-a/broken',
      'team-a/long',
      'team-a/noversion',
      'team-a/tags',
      'team-a/twice/values.yaml',
    ]);
    expect(reasons['team-a/broken']).toMatch(/^values\.yaml is not valid YAML/);
    expect(reasons['team-a/bomb']).toMatch(/alias/i);
    expect(reasons['team-a/long']).toMatch(/63/);
    expect(reasons['team-a/twice/values.yaml']).toBe(
      'Database "good" is also defined in team-a/good/values.yaml; the first definition counts.',
    );
    expect(reasons['team-a/noversion']).toBe(
      'application.yaml deploys the chart without a chartVersion.',
    );
  });
});
