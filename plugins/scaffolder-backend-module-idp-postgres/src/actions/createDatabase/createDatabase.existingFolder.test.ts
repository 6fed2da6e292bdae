import { ConfigReader } from '@backstage/config';
import { parseAllDocuments } from 'yaml';
import {
  createWorkspace,
  readWorkspaceFile,
  removeWorkspaces,
  runAction,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { createCreateDatabaseAction } from './createDatabase';

const action = createCreateDatabaseAction({ config: new ConfigReader({}) });

afterAll(removeWorkspaces);

const application = (chartVersion: string) =>
  [
    'apiVersion: v2',
    'name: shared',
    'description: shared databases',
    'version: 0.1.0',
    'slackChannel: team-a',
    'helm:',
    '  chart: helm/idp-postgresql',
    `  chartVersion: "${chartVersion}"`,
    '',
  ].join('\n');

const commentedValues = [
  '# Databases of team A',
  'postgresqlDatabases:',
  '  # the first one',
  '  - name: first # keep me',
  '    deletionProtection: true',
  '',
  'extra: value # unrelated key stays',
  '',
].join('\n');

const input = {
  namespace: 'team-a',
  name: 'second',
  slackChannel: 'team-a',
  owner: 'group:default/team-a',
  targetPath: 'team-a/shared',
};

describe('idp:postgres:create-database in an existing folder', () => {
  it('appends to postgresqlDatabases keeping comments, blank lines and other keys', async () => {
    const ws = createWorkspace({
      'team-a/shared/values.yaml': commentedValues,
      'team-a/shared/application.yaml': application('0.5.0'),
    });
    const out = await runAction(action, ws, input);
    expect(readWorkspaceFile(ws, 'team-a/shared/values.yaml')).toBe(
      [
        '# Databases of team A',
        'postgresqlDatabases:',
        '  # the first one',
        '  - name: first # keep me',
        '    deletionProtection: true',
        '  - name: second',
        '    deletionProtection: false',
        '',
        'extra: value # unrelated key stays',
        '',
      ].join('\n'),
    );
    // The folder's application belongs to the folder, not to the new database.
    expect(readWorkspaceFile(ws, 'team-a/shared/application.yaml')).toBe(
      application('0.5.0'),
    );
    expect(out.filesWritten).toEqual([
      'team-a/shared/values.yaml',
      'team-a/shared/catalog-info.yaml',
    ]);
  });

  it('keeps an unindented list style', async () => {
    const ws = createWorkspace({
      'team-a/shared/values.yaml':
        'postgresqlDatabases:\n- name: first\n  mode: protected\n',
      'team-a/shared/application.yaml': application('1.0.4'),
    });
    await runAction(action, ws, input);
    expect(readWorkspaceFile(ws, 'team-a/shared/values.yaml')).toBe(
      'postgresqlDatabases:\n- name: first\n  mode: protected\n- name: second\n  mode: standard\n',
    );
  });

  it("writes the entry in the dialect of the folder's chart when no version is given", async () => {
    const ws = createWorkspace({
      'team-a/shared/values.yaml': 'postgresqlDatabases: []\n',
      'team-a/shared/application.yaml': application('0.4.1'),
    });
    await runAction(action, ws, input);
    expect(readWorkspaceFile(ws, 'team-a/shared/values.yaml')).toBe(
      'postgresqlDatabases:\n  - name: second\n',
    );
  });

  it('adds the Resource as another document of an existing catalog-info.yaml', async () => {
    const catalog =
      '# owned by team A\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: team-a-first\nspec:\n  type: postgresql-database\n  owner: team-a\n';
    const ws = createWorkspace({
      'team-a/shared/values.yaml': commentedValues,
      'team-a/shared/application.yaml': application('0.5.0'),
      'team-a/shared/catalog-info.yaml': catalog,
    });
    await runAction(action, ws, input);
    const written = readWorkspaceFile(ws, 'team-a/shared/catalog-info.yaml');
    expect(written.startsWith(catalog)).toBe(true);
    const docs = parseAllDocuments(written) as any[];
    expect(docs.map(d => d.toJS().metadata.name)).toEqual([
      'team-a-first',
      'team-a.second',
    ]);
  });

  it.each([
    [
      'a database of the same name',
      { ...input, name: 'first' },
      { values: commentedValues, app: application('0.5.0') },
      /Database "first" is already defined in team-a\/shared\/values.yaml/,
    ],
    [
      'a different chart version than the folder',
      { ...input, chartVersion: '1.0.4' },
      { values: commentedValues, app: application('0.5.0') },
      /deploys chart 0.5.0, but chart 1.0.4 was requested/,
    ],
    [
      'protection the folder chart cannot express',
      { ...input, deletionProtection: true },
      {
        values: 'postgresqlDatabases:\n  - name: first\n',
        app: application('0.4.1'),
      },
      /Chart 0.4.1 cannot protect a database/,
    ],
    [
      'a values file that is not YAML',
      input,
      {
        values: 'postgresqlDatabases:\n  - name: [first\n',
        app: application('0.5.0'),
      },
      /Cannot parse team-a\/shared\/values.yaml as YAML.*/s,
    ],
    [
      'a values file whose list is not a list',
      input,
      { values: 'postgresqlDatabases: first\n', app: application('0.5.0') },
      /must be a list of databases/,
    ],
    [
      'an entry in an unknown shape',
      input,
      {
        values: 'postgresqlDatabases:\n  - name: first\n    size: big\n',
        app: application('0.5.0'),
      },
      /unknown key "size"/,
    ],
    [
      'a folder deploying another chart',
      input,
      {
        values: commentedValues,
        app: application('0.5.0').replace('helm/idp-postgresql', 'helm/web'),
      },
      /does not deploy helm\/idp-postgresql/,
    ],
    [
      'values.yaml without application.yaml',
      input,
      { values: commentedValues, app: undefined },
      /exists without its partner file/,
    ],
  ])('refuses %s and changes nothing', async (_, given, files, message) => {
    const ws = createWorkspace({
      'team-a/shared/values.yaml': files.values,
      ...(files.app ? { 'team-a/shared/application.yaml': files.app } : {}),
      'team-a/shared/catalog-info.yaml': '',
    });
    const before = snapshotDirectory(ws);
    await expect(runAction(action, ws, given)).rejects.toThrow(message);
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it('refuses a Resource that catalog-info.yaml already has', async () => {
    const ws = createWorkspace({
      'team-a/second/catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: team-a.second\n',
    });
    const before = snapshotDirectory(ws);
    await expect(
      runAction(action, ws, { ...input, targetPath: undefined }),
    ).rejects.toThrow(/already has a Resource named "team-a.second"/);
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it('refuses a database another folder of the namespace already defines', async () => {
    const ws = createWorkspace({
      'team-a/shared/values.yaml': commentedValues,
      'team-a/shared/application.yaml': application('0.5.0'),
    });
    const before = snapshotDirectory(ws);
    await expect(
      runAction(action, ws, { ...input, name: 'first', targetPath: undefined }),
    ).rejects.toThrow(
      /Database "first" is already defined in team-a\/shared\/values.yaml; choose another name/,
    );
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it('refuses a values.yaml that is a folder', async () => {
    const ws = createWorkspace({
      'team-a/shared/values.yaml/notes.txt': 'odd\n',
      'team-a/shared/application.yaml': application('0.5.0'),
    });
    const before = snapshotDirectory(ws);
    await expect(runAction(action, ws, input)).rejects.toThrow(
      /team-a\/shared\/values.yaml is a folder, not a file/,
    );
    expect(snapshotDirectory(ws)).toEqual(before);
  });
});
