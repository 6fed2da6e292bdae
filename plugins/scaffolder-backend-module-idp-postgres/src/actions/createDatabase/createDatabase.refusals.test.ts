import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createWorkspace,
  removeWorkspaces,
  runAction,
  snapshotDirectory,
} from '../../__testUtils__/workspace';
import { unreachableBackendClient } from '../../__testUtils__/platform';
import { createCreateDatabaseAction } from './createDatabase';

const action = createCreateDatabaseAction({ config: new ConfigReader({}) });

const good = {
  namespace: 'idp-dev',
  name: 'my-db',
  chartVersion: '0.5.0',
  slackChannel: 'my-slack-channel',
  owner: 'group:default/team-a',
};

afterAll(removeWorkspaces);

/** Each bad input must fail with a message that says what is wrong, and write nothing. */
const refusals: [string, Record<string, unknown>, RegExp][] = [
  [
    'a name too long for 63 bytes',
    { name: 'a'.repeat(50) },
    /Role name "idp-dev-a{50}-admin" is 64 bytes, 1 over .* shorten the database name/,
  ],
  [
    'a namespace too long for any name',
    { namespace: 'n'.repeat(60), name: 'x' },
    /is \d+ bytes, \d+ over/,
  ],
  ['an uppercase name', { name: 'My-db' }, /must be lowercase \(found "M"\)/],
  ['an underscore', { name: 'my_db' }, /contains an underscore/],
  ['a leading dash', { name: '-db' }, /must start with a letter or digit/],
  ['a trailing dash', { namespace: 'idp-' }, /must end with a letter or digit/],
  ['an empty name', { name: '' }, /must not be empty/],
  [
    'YAML injection through a line break',
    { name: 'my-db\n  evil: x' },
    /Database name "my-db\\n {2}evil: x" contains a line break/,
  ],
  [
    'YAML injection through a mapping',
    { name: 'a: b' },
    /Database name "a: b" contains ":"/,
  ],
  [
    'SQL injection in the namespace',
    { namespace: 'x"; DROP ROLE admin; --' },
    /Namespace .* contains a double quote/,
  ],
  [
    'an unprotected production database',
    { namespace: 'shop-prod', deletionProtection: false },
    /"shop-prod" is a production namespace .*deletionProtection: true/,
  ],
  [
    'protection on a chart that cannot protect',
    { chartVersion: '0.4.1', deletionProtection: true },
    /Chart 0.4.1 cannot protect a database from deletion/,
  ],
  ['a chart version range', { chartVersion: '^0.5.0' }, /not an exact version/],
  [
    'a parent-folder path',
    { targetPath: '../outside' },
    /must not contain ".."/,
  ],
  [
    'a path that climbs out after a folder',
    { targetPath: 'idp-dev/../../outside' },
    /must not contain ".."/,
  ],
  ['an absolute path', { targetPath: '/etc/idp' }, /must be relative/],
  [
    'the workspace root as the folder',
    { targetPath: '.' },
    /targetPath "." is not a folder directly inside the namespace folder "idp-dev"; the apps repo layout is <namespace>\/<folder>\/values.yaml, so use "idp-dev\/<folder>"/,
  ],
  [
    "another namespace's folder",
    { targetPath: 'idp-test/my-db' },
    /targetPath "idp-test\/my-db" is not a folder directly inside the namespace folder "idp-dev"/,
  ],
  [
    'the namespace folder itself',
    { targetPath: 'idp-dev' },
    /targetPath "idp-dev" is not a folder directly inside/,
  ],
  [
    'a tooling folder',
    { targetPath: '.github/workflows' },
    /targetPath ".github\/workflows" is not a folder directly inside the namespace folder "idp-dev"/,
  ],
  [
    'a hidden folder in the namespace',
    { targetPath: 'idp-dev/.argocd' },
    /the folder name must start with a letter or digit/,
  ],
  [
    'a chart version the platform does not offer',
    { chartVersion: '9.9.9' },
    /Chart version "9.9.9" is not one the platform offers/,
  ],
  [
    'a 100,000-character description',
    { description: 'd'.repeat(100_000) },
    /^description is 100000 characters long; the limit is 200\.$/,
  ],
  [
    'a 100,000-character name',
    { name: 'a'.repeat(100_000) },
    /^name is 100000 characters long; the limit is 63\.$/,
  ],
  [
    'a 100,000-character owner',
    { owner: 'a'.repeat(100_000) },
    /^owner is 100000 characters long; the limit is 255\.$/,
  ],
  [
    'a name over 63 characters',
    { namespace: 'a', name: 'b'.repeat(64) },
    /^name is 64 characters long; the limit is 63\.$/,
  ],
  ['an empty path', { targetPath: ' ' }, /must not be empty/],
  [
    'a slack channel with a line break',
    { slackChannel: 'team\nevil: x' },
    /Slack channel "team\\nevil: x" must be a channel name/,
  ],
  ['a slack channel with "#"', { slackChannel: '#team' }, /without "#"/],
  [
    'an owner that is not a reference',
    { owner: 'team a' },
    /Owner "team a" is not a catalog entity reference/,
  ],
  [
    'a multi-line description',
    { description: 'ok\nkind: Secret' },
    /Description .* must be a single line/,
  ],
];

describe('idp:postgres:create-database refuses bad input and writes nothing', () => {
  it.each(refusals)('%s', async (_, change, message) => {
    const ws = createWorkspace({ 'README.md': 'apps\n' });
    const before = snapshotDirectory(ws);
    await expect(runAction(action, ws, { ...good, ...change })).rejects.toThrow(
      message,
    );
    expect(snapshotDirectory(ws)).toEqual(before);
  });

  it('refuses a folder that is a symbolic link out of the workspace', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-outside-'));
    const ws = createWorkspace();
    fs.symlinkSync(outside, path.join(ws, 'idp-dev'));
    const before = snapshotDirectory(ws);
    try {
      await expect(runAction(action, ws, good)).rejects.toThrow(
        /targetPath "idp-dev\/my-db" leads outside the workspace through a symbolic link/,
      );
      expect(snapshotDirectory(ws)).toEqual(before);
      expect(fs.readdirSync(outside)).toEqual([]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses an existing values.yaml that links out of the workspace', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-outside-'));
    fs.writeFileSync(
      path.join(outside, 'values.yaml'),
      'postgresqlDatabases: []\n',
    );
    const ws = createWorkspace();
    fs.mkdirSync(path.join(ws, 'idp-dev/my-db'), { recursive: true });
    fs.symlinkSync(
      path.join(outside, 'values.yaml'),
      path.join(ws, 'idp-dev/my-db/values.yaml'),
    );
    const before = snapshotDirectory(ws);
    try {
      await expect(
        runAction(action, ws, {
          ...good,
          targetPath: 'idp-dev/my-db/values.yaml/..',
        }),
      ).rejects.toThrow(/must not contain ".."/);
      await expect(runAction(action, ws, good)).rejects.toThrow(
        /File "idp-dev\/my-db\/values.yaml" leads outside the workspace/,
      );
      expect(snapshotDirectory(ws)).toEqual(before);
      expect(fs.readFileSync(path.join(outside, 'values.yaml'), 'utf8')).toBe(
        'postgresqlDatabases: []\n',
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('asks the platform before writing, in a dry run too', async () => {
    const withPlatform = createCreateDatabaseAction({
      config: new ConfigReader({}),
      platform: await unreachableBackendClient(),
    });
    const ws = createWorkspace({ 'README.md': 'apps\n' });
    const before = snapshotDirectory(ws);
    for (const dryRun of [false, true]) {
      await expect(
        runAction(withPlatform, ws, good, { dryRun }),
      ).rejects.toThrow(
        /^Could not check whether idp-dev\/my-db can be created: the idp-postgres backend did not answer/,
      );
    }
    expect(snapshotDirectory(ws)).toEqual(before);
  });
});
