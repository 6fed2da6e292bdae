import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  findWorkspaceRoot,
  readRepoSandboxConfig,
} from '@jppol-idp/idp-sandbox';
import { readDevSandboxConfig } from './devSandboxConfig';

describe('readDevSandboxConfig', () => {
  it('reads the ports and token `yarn sandbox` reads from the same app-config', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-sandbox-config-'));
    try {
      const sandbox = {
        enabled: true,
        ports: { postgres: 41001, kubernetes: 41002, secretsManager: 41003 },
        kubernetesToken: 'dev-only',
      };
      // JSON is YAML: the file `yarn sandbox` reads holds the same config.
      fs.writeFileSync(
        path.join(dir, 'app-config.yaml'),
        JSON.stringify({ idpPostgres: { sandbox } }),
      );
      const backend = readDevSandboxConfig(
        new ConfigReader({ idpPostgres: { sandbox } }),
      );
      const cli = readRepoSandboxConfig(dir);
      expect(backend.ports).toEqual({
        postgres: 41001,
        kubernetes: 41002,
        secretsManager: 41003,
      });
      expect(backend.ports).toEqual(cli.ports);
      expect(backend.kubernetesToken).toBe(cli.kubernetesToken);
      expect(backend.enabled).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('defaults to .sandbox at the repository root, and resolves a relative stateDir there', () => {
    const root = findWorkspaceRoot();
    expect(readDevSandboxConfig(new ConfigReader({})).stateDir).toBe(
      path.join(root, '.sandbox'),
    );
    expect(
      readDevSandboxConfig(
        new ConfigReader({ idpPostgres: { sandbox: { stateDir: 'tmp/sb' } } }),
      ).stateDir,
    ).toBe(path.join(root, 'tmp/sb'));
  });

  it('accepts ports substituted from the environment (strings) and rejects others', () => {
    const read = (postgres: string) =>
      readDevSandboxConfig(
        new ConfigReader({ idpPostgres: { sandbox: { ports: { postgres } } } }),
      ).ports.postgres;
    expect(read('55432')).toBe(55432);
    expect(() => read('next-door')).toThrow(
      'idpPostgres.sandbox.ports.postgres in app-config must be a port number',
    );
  });
});
