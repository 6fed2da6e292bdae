import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRepoSandboxConfig } from './repoAppConfig';

describe('readRepoSandboxConfig', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-config-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (name: string, text: string) =>
    fs.writeFileSync(path.join(root, name), text);

  it('reads app-config.yaml with app-config.local.yaml merged over it, as the backend does', () => {
    write(
      'app-config.yaml',
      [
        'idpPostgres:',
        '  sandbox:',
        '    ports:',
        '      postgres: 55432',
        '      kubernetes: 56443',
        '    kubernetesToken: from-base',
      ].join('\n'),
    );
    write(
      'app-config.local.yaml',
      'idpPostgres:\n  sandbox:\n    ports:\n      kubernetes: 57443\n',
    );
    expect(readRepoSandboxConfig(root)).toEqual({
      enabled: false,
      stateDir: path.join(root, '.sandbox'),
      ports: { postgres: 55432, kubernetes: 57443, secretsManager: undefined },
      kubernetesToken: 'from-base',
    });
  });

  it('defaults everything without config files', () => {
    expect(readRepoSandboxConfig(root)).toMatchObject({
      stateDir: path.join(root, '.sandbox'),
      ports: {},
    });
  });

  it('names the file and key of an invalid port', () => {
    write(
      'app-config.yaml',
      'idpPostgres: { sandbox: { ports: { kubernetes: 70000 } } }',
    );
    expect(() => readRepoSandboxConfig(root)).toThrow(
      'idpPostgres.sandbox.ports.kubernetes in app-config.yaml must be between 0 and 65535, got 70000',
    );
  });
});
