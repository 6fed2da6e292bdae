import { ConfigReader } from '@backstage/config';
import { parse } from 'yaml';
import {
  createWorkspace,
  exampleInput,
  readWorkspaceFile,
  removeWorkspaces,
  runAction,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { unreachableBackendClient } from '../../__testUtils__/platform';
import { createConnectAppAction } from './connectApp';
import { examples } from './connectApp.examples';

const action = createConnectAppAction({ config: new ConfigReader({}) });

const appValues = [
  '# Values of my-app',
  'image:',
  '  repository: my-app # the image',
  '  tag: "1.2.3"',
  'env:',
  '  # feature flags',
  '  - name: FEATURE_X',
  '    value: "on"',
  '  - name: DB_HOST # old host, to be replaced',
  '    value: localhost',
  'replicas: 2',
  '',
].join('\n');

const input = {
  valuesPath: 'idp-dev/my-app/values.yaml',
  namespace: 'idp-dev',
  database: 'my-db',
};

const secretRef = (name: string, key: string) => ({
  valueFrom: { secretKeyRef: { name, key } },
});

afterAll(removeWorkspaces);

describe('idp:postgres:connect-app', () => {
  it('adds the manual env block for the write role and replaces the old entry in place', async () => {
    const ws = createWorkspace({ 'idp-dev/my-app/values.yaml': appValues });
    const out = await runAction(action, ws, input);
    const written = readWorkspaceFile(ws, 'idp-dev/my-app/values.yaml');
    expect(written).toBe(
      [
        '# Values of my-app',
        'image:',
        '  repository: my-app # the image',
        '  tag: "1.2.3"',
        'env:',
        '  # feature flags',
        '  - name: FEATURE_X',
        '    value: "on"',
        '  - name: DB_HOST',
        '    valueFrom:',
        '      secretKeyRef:',
        '        name: idp-dev-my-db-write',
        '        key: endpoint',
        '  - name: DB_NAME',
        '    value: idp-dev-my-db',
        '  - name: DB_USER',
        '    valueFrom:',
        '      secretKeyRef:',
        '        name: idp-dev-my-db-write',
        '        key: username',
        '  - name: DB_PASSWORD',
        '    valueFrom:',
        '      secretKeyRef:',
        '        name: idp-dev-my-db-write',
        '        key: password',
        '  - name: DB_PORT',
        '    valueFrom:',
        '      secretKeyRef:',
        '        name: idp-dev-my-db-write',
        '        key: port',
        'replicas: 2',
        '',
      ].join('\n'),
    );
    expect(out.changed).toBe(true);
    expect(out.secretName).toBe('idp-dev-my-db-write');
    expect(out.diff).toMatch(
      /^--- a\/idp-dev\/my-app\/values.yaml\n\+\+\+ b\/idp-dev\/my-app\/values.yaml\n@@ /,
    );
    expect(out.diff).toContain('+  - name: DB_NAME');
    expect(out.diff).toContain('-    value: localhost');
  });

  it('changes nothing on a second run', async () => {
    const ws = createWorkspace({ 'idp-dev/my-app/values.yaml': appValues });
    await runAction(action, ws, input);
    const once = snapshotDirectory(ws);
    const out = await runAction(action, ws, input);
    expect(snapshotDirectory(ws)).toEqual(once);
    expect(out).toEqual({
      changed: false,
      diff: '',
      secretName: 'idp-dev-my-db-write',
      warnings: [],
      tabUrl: '/catalog/default/resource/idp-dev.my-db/postgresql',
    });
  });

  it('uses the chosen role and prefix, and creates env when missing', async () => {
    const ws = createWorkspace({
      'idp-dev/my-app/values.yaml': 'replicas: 1\n',
    });
    await runAction(action, ws, {
      ...input,
      valuesPath: 'idp-dev/my-app/values.yaml',
      role: 'read',
      envPrefix: 'REPORTS_',
    });
    expect(parse(readWorkspaceFile(ws, 'idp-dev/my-app/values.yaml'))).toEqual({
      replicas: 1,
      env: [
        { name: 'REPORTS_NAME', value: 'idp-dev-my-db' },
        {
          name: 'REPORTS_USER',
          ...secretRef('idp-dev-my-db-read', 'username'),
        },
        {
          name: 'REPORTS_PASSWORD',
          ...secretRef('idp-dev-my-db-read', 'password'),
        },
        {
          name: 'REPORTS_HOST',
          ...secretRef('idp-dev-my-db-read', 'endpoint'),
        },
        { name: 'REPORTS_PORT', ...secretRef('idp-dev-my-db-read', 'port') },
      ],
    });
  });

  it('switches an app from one role to another', async () => {
    const ws = createWorkspace({ 'idp-dev/my-app/values.yaml': appValues });
    await runAction(action, ws, {
      ...input,
      valuesPath: 'idp-dev/my-app/values.yaml',
    });
    await runAction(action, ws, {
      ...input,
      valuesPath: 'idp-dev/my-app/values.yaml',
      role: 'admin',
    });
    const written = readWorkspaceFile(ws, 'idp-dev/my-app/values.yaml');
    expect(written).not.toContain('-write');
    expect(written.match(/idp-dev-my-db-admin/g)).toHaveLength(4);
  });

  it('writes into the workspace in a dry run too, which the template editor shows', async () => {
    const ws = createWorkspace({ 'idp-dev/my-app/values.yaml': appValues });
    const out = await runAction(
      action,
      ws,
      { ...input, valuesPath: 'idp-dev/my-app/values.yaml' },
      { dryRun: true },
    );
    expect(out.changed).toBe(true);
    expect(out.diff).toContain('+  - name: DB_PASSWORD');
    expect(readWorkspaceFile(ws, 'idp-dev/my-app/values.yaml')).toContain(
      'name: idp-dev-my-db-write',
    );
  });

  it.each([
    [
      'an unparseable file',
      { 'idp-dev/my-app/values.yaml': 'env:\n  - name: [x\n' },
      {},
      /Cannot parse idp-dev\/my-app\/values.yaml as YAML.*Flow sequence/s,
    ],
    [
      'env that is a mapping',
      { 'idp-dev/my-app/values.yaml': 'env:\n  A: b\n' },
      {},
      /env in idp-dev\/my-app\/values.yaml is not a list/,
    ],
    [
      'a file that is a list',
      { 'idp-dev/my-app/values.yaml': '- a\n' },
      {},
      /must be a mapping/,
    ],
    [
      'a missing file',
      {},
      {},
      /valuesPath "idp-dev\/my-app\/values.yaml" does not exist/,
    ],
    [
      'a path out of the workspace',
      {},
      { valuesPath: '../values.yaml' },
      /must not contain "\.\."/,
    ],
    ['an absolute path', {}, { valuesPath: '/etc/passwd' }, /must be relative/],
    [
      'a role that does not exist',
      {},
      { role: 'superuser' },
      /Role "superuser" is not one of admin, write, read/,
    ],
    [
      'a prefix that would break YAML',
      {},
      { envPrefix: 'DB_\n  evil: x' },
      /envPrefix "DB_\\n {2}evil: x" must start/,
    ],
    [
      'a database name with injection',
      {},
      { database: 'my-db\n  evil: x' },
      /Database name .* contains a line break/,
    ],
    [
      'a database name too long',
      {},
      { database: 'd'.repeat(60) },
      /over PostgreSQL's 63-byte limit/,
    ],
    [
      'a 100,000-character prefix',
      {},
      { envPrefix: 'A'.repeat(100_000) },
      /^envPrefix is 100000 characters long; the limit is 64\.$/,
    ],
    [
      'a 100,000-character values path',
      {},
      { valuesPath: `${'a/'.repeat(50_000)}values.yaml` },
      /^valuesPath is 100011 characters long; the limit is 1024\.$/,
    ],
    [
      'a values path that is a folder',
      { 'idp-dev/app.yaml/values': 'x: 1\n' },
      { valuesPath: 'idp-dev/app.yaml' },
      /app.yaml is a folder, not a file/,
    ],
    [
      'a values path that is not a YAML file',
      { 'idp-dev/app/values.json': '{}' },
      { valuesPath: 'idp-dev/app/values.json' },
      /valuesPath "idp-dev\/app\/values.json" must name a Helm values file ending in .yaml or .yml/,
    ],
    [
      'an app namespace that is no namespace',
      {},
      { appNamespace: 'Apps!' },
      /App namespace "Apps!" contains "!"/,
    ],
    [
      'a values path outside the namespace folder (a workflow)',
      { '.github/workflows/deploy.yaml': 'on: push\njobs: {}\n' },
      { valuesPath: '.github/workflows/deploy.yaml', appNamespace: 'idp-dev' },
      /^valuesPath ".github\/workflows\/deploy.yaml" is not inside the app's namespace folder "idp-dev"/,
    ],
    [
      "a values path in another namespace's folder",
      { 'idp-prod/my-app/values.yaml': 'env: []\n' },
      { valuesPath: 'idp-prod/my-app/values.yaml', appNamespace: 'idp-dev' },
      /is not inside the app's namespace folder "idp-dev"/,
    ],
    [
      'a values path in a hidden folder of the namespace',
      { 'idp-dev/.github/deploy.yaml': 'on: push\n' },
      { valuesPath: 'idp-dev/.github/deploy.yaml' },
      /^valuesPath "idp-dev\/.github\/deploy.yaml" goes through the hidden name ".github"/,
    ],
    [
      'a values file at the workspace root',
      { 'values.yaml': 'env: []\n' },
      { valuesPath: 'values.yaml' },
      /App namespace "values.yaml" contains a dot.* \(taken from the first folder of valuesPath/,
    ],
  ])('refuses %s and changes nothing', async (_, files, change, message) => {
    const ws = createWorkspace({ 'other.yaml': 'keep: me\n', ...files });
    const before = snapshotDirectory(ws);
    await expect(
      runAction(action, ws, {
        ...input,
        valuesPath: 'idp-dev/my-app/values.yaml',
        ...change,
      }),
    ).rejects.toThrow(message);
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      const given = exampleInput(example, action.id);
      const ws = createWorkspace({ [given.valuesPath]: 'replicas: 1\n' });
      const out = await runAction(action, ws, given);
      expect(out.changed).toBe(true);
      expect(parse(readWorkspaceFile(ws, given.valuesPath)).env).toHaveLength(
        5,
      );
    },
  );

  it('asks the platform, for the app namespace of the values path, before changing anything', async () => {
    const withPlatform = createConnectAppAction({
      config: new ConfigReader({}),
      platform: await unreachableBackendClient(),
    });
    const ws = createWorkspace({
      'idp-dev/my-app/values.yaml': appValues,
      'idp-test/my-app/values.yaml': appValues,
    });
    const before = snapshotDirectory(ws);
    await expect(runAction(withPlatform, ws, input)).rejects.toThrow(
      /^Could not check whether an app in idp-dev can connect to idp-dev\/my-db: the idp-postgres backend did not answer/,
    );
    await expect(
      runAction(withPlatform, ws, {
        ...input,
        valuesPath: 'idp-test/my-app/values.yaml',
        appNamespace: 'idp-test',
      }),
    ).rejects.toThrow(/an app in idp-test can connect/);
    expect(snapshotDirectory(ws)).toEqual(before);
  });
});
