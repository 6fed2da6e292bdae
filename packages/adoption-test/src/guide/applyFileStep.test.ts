import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  applyDiff,
  applyFileStep,
  insertBefore,
  mergeYaml,
} from './applyFileStep';

const INDEX = [
  "import { createBackend } from '@backstage/backend-defaults';",
  '',
  'const backend = createBackend();',
  "backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));",
  'backend.add(',
  "  import('@backstage/plugin-permission-backend-module-allow-all-policy'),",
  ');',
  'backend.start();',
  '',
].join('\n');

describe('applyDiff', () => {
  it('replaces removed lines by added ones, hunk by hunk, with context as the anchor', () => {
    const diff = [
      '+import { x } from "x";',
      " import { createBackend } from '@backstage/backend-defaults';",
      '@@',
      "-backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));",
      '+backend.add(x);',
      '@@',
      '-backend.add(',
      "-  import('@backstage/plugin-permission-backend-module-allow-all-policy'),",
      '-);',
      "+backend.add(import('./permissionPolicy'));",
      '',
    ].join('\n');
    expect(applyDiff(INDEX, diff, 'edit')).toBe(
      [
        'import { x } from "x";',
        "import { createBackend } from '@backstage/backend-defaults';",
        '',
        'const backend = createBackend();',
        'backend.add(x);',
        "backend.add(import('./permissionPolicy'));",
        'backend.start();',
        '',
      ].join('\n'),
    );
  });

  it('fails, showing the lines, when they are not in the file exactly once', () => {
    expect(() =>
      applyDiff(INDEX, '-backend.add(missing);\n+x\n', 'edit f'),
    ).toThrow(
      /edit f: expected the lines once, found them 0 times:\nbackend\.add\(missing\);/,
    );
    expect(() => applyDiff('a\na\n', '-a\n+b\n', 'edit f')).toThrow(
      /found them 2 times/,
    );
    expect(() => applyDiff(INDEX, '+only added\n', 'edit f')).toThrow(
      /needs context or removed lines/,
    );
  });
});

describe('insertBefore', () => {
  it('inserts the block before the one matching line', () => {
    expect(
      insertBefore('a\nbackend.start();\n', 'backend.start();', 'x\ny\n', 'i'),
    ).toBe('a\nx\ny\nbackend.start();\n');
  });

  it('fails when the line is missing or not unique', () => {
    expect(() => insertBefore('a\n', 'b', 'x', 'i')).toThrow(
      'i: expected one line "b", found 0',
    );
  });
});

describe('mergeYaml', () => {
  it('merges maps deeply, replaces scalars and lists, and keeps the comments', () => {
    const file = [
      '# the app',
      'app:',
      '  title: Mine # shown in the header',
      'catalog:',
      '  rules:',
      '    - allow: [Component]',
      '',
    ].join('\n');
    const block = [
      'catalog:',
      '  providers:',
      '    idpPostgres:',
      '      ownerWhenUnknown: group:default/idp',
      '  rules: []',
      'idpPostgres:',
      '  access:',
      '    platformAdmins: [group:default/idp] # the platform team',
    ].join('\n');
    const merged = mergeYaml(file, block, 'merge');
    expect(merged).toContain('# the app');
    expect(merged).toContain('title: Mine # shown in the header');
    expect(merged).toContain('# the platform team');
    expect(parse(merged)).toEqual({
      app: { title: 'Mine' },
      catalog: {
        rules: [],
        providers: { idpPostgres: { ownerWhenUnknown: 'group:default/idp' } },
      },
      idpPostgres: { access: { platformAdmins: ['group:default/idp'] } },
    });
  });

  it('refuses a block that is not YAML or not a map', () => {
    expect(() => mergeYaml('a: 1\n', 'a: [', 'merge f')).toThrow(/^merge f: /);
    expect(() => mergeYaml('a: 1\n', '- 1\n', 'merge f')).toThrow(
      'merge f: the block is not a map',
    );
  });
});

describe('applyFileStep', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adoption-apply-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a new file with its folders, and refuses to overwrite one', () => {
    const step = { op: 'create' as const, file: 'src/a/new.ts', text: 'x\n' };
    applyFileStep(dir, step);
    expect(fs.readFileSync(path.join(dir, 'src/a/new.ts'), 'utf8')).toBe('x\n');
    expect(() => applyFileStep(dir, step)).toThrow(
      'create src/a/new.ts: the file exists already',
    );
  });

  it('edits a file in place, and names a missing one', () => {
    fs.writeFileSync(path.join(dir, 'index.ts'), INDEX);
    applyFileStep(dir, {
      op: 'insert',
      file: 'index.ts',
      before: 'backend.start();',
      text: 'backend.add(y);\n',
    });
    expect(fs.readFileSync(path.join(dir, 'index.ts'), 'utf8')).toContain(
      'backend.add(y);\nbackend.start();',
    );
    expect(() =>
      applyFileStep(dir, {
        op: 'merge',
        file: 'app-config.yaml',
        text: 'a: 1',
      }),
    ).toThrow('merge app-config.yaml: no such file in the app');
  });
});
