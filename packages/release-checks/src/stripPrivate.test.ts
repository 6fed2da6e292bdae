import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  PREPACK_BACKUP,
  runPrepackStrip,
  stripPrivateFields,
  undoPrepack,
} from './stripPrivate';

const PRIVATE = ['@example/sandbox', 'backend'];

describe('stripPrivateFields', () => {
  it('drops the jest field and devDependencies on private packages only', () => {
    const manifest = {
      name: '@example/plugin-backend',
      dependencies: { pg: '^8.0.0' },
      devDependencies: {
        '@example/sandbox': 'workspace:^',
        supertest: '^7.0.0',
      },
      jest: { globalSetup: '@example/sandbox/src/testing/setup.ts' },
    };
    expect(stripPrivateFields(manifest, PRIVATE)).toEqual({
      name: '@example/plugin-backend',
      dependencies: { pg: '^8.0.0' },
      devDependencies: { supertest: '^7.0.0' },
    });
  });

  it('refuses a private package the published code would need', () => {
    const manifest = {
      name: '@example/plugin-backend',
      peerDependencies: { '@example/sandbox': 'workspace:^' },
    };
    expect(() => stripPrivateFields(manifest, PRIVATE)).toThrow(
      '@example/plugin-backend has the private package(s) @example/sandbox in peerDependencies',
    );
  });
});

describe('runPrepackStrip', () => {
  let root: string;
  let pkgDir: string;
  const source = {
    name: '@example/plugin-backend',
    devDependencies: { '@example/sandbox': 'workspace:^', jest: '^30.0.0' },
    jest: { globalSetup: '@example/sandbox/src/testing/setup.ts' },
  };
  const write = (file: string, value: unknown) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(value, null, 2));
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'strip-private-'));
    write(path.join(root, 'package.json'), { workspaces: ['packages/*'] });
    write(path.join(root, 'packages/sandbox/package.json'), {
      name: '@example/sandbox',
      private: true,
    });
    pkgDir = path.join(root, 'packages/plugin-backend');
    write(path.join(pkgDir, 'package.json'), source);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('leaves package.json alone when Backstage prepack did not run first', () => {
    expect(() => runPrepackStrip(pkgDir)).toThrow(
      /package.json-prepack is missing/,
    );
    expect(
      JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')),
    ).toEqual(source);
  });

  it('strips the manifest being packed, and undoPrepack restores the source', () => {
    fs.copyFileSync(
      path.join(pkgDir, 'package.json'),
      path.join(pkgDir, PREPACK_BACKUP),
    );
    expect(runPrepackStrip(pkgDir)).toEqual(['@example/sandbox', 'jest']);
    const packed = fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8');
    expect(packed).not.toContain('@example/sandbox');
    expect(JSON.parse(packed).devDependencies).toEqual({ jest: '^30.0.0' });

    undoPrepack(pkgDir);
    expect(
      JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')),
    ).toEqual(source);
    expect(fs.existsSync(path.join(pkgDir, PREPACK_BACKUP))).toBe(false);
  });
});
