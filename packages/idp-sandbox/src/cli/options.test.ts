import os from 'node:os';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readRepoSandboxConfig } from '../config/repoAppConfig';
import { findWorkspaceRoot } from '../state/sandboxPaths';
import { optionsAsFlags, parseCliOptions } from './options';

const repoConfig = () =>
  readRepoSandboxConfig(
    findWorkspaceRoot(resolvePackagePath('@jppol-idp/idp-sandbox')),
  );

describe('parseCliOptions', () => {
  const env = { INIT_CWD: os.tmpdir() };

  it("takes ports, token and state folder from the repository's app-config by default, like `yarn start`", () => {
    const config = repoConfig();
    const options = parseCliOptions(['start'], env);
    expect(options.ports).toEqual(config.ports);
    expect(options.kubernetesToken).toBe(config.kubernetesToken);
    expect(options.stateDir).toBe(config.stateDir);
  });

  it('lets flags win over config, 0 included (any free port)', () => {
    const options = parseCliOptions(
      [
        'run',
        '--postgres-port',
        '41001',
        '--kubernetes-port=0',
        '--secrets-manager-port',
        '41003',
        '--kubernetes-token',
        'mine',
      ],
      env,
    );
    expect(options).toMatchObject({
      command: 'run',
      ports: { postgres: 41001, kubernetes: 0, secretsManager: 41003 },
      kubernetesToken: 'mine',
    });
  });

  it('resolves a relative state folder against INIT_CWD (where the user ran yarn)', () => {
    expect(parseCliOptions(['status', '--state-dir', 'x'], env).stateDir).toBe(
      path.join(os.tmpdir(), 'x'),
    );
    expect(
      parseCliOptions(['status'], { ...env, IDP_SANDBOX_STATE_DIR: 'y' })
        .stateDir,
    ).toBe(path.join(os.tmpdir(), 'y'));
  });

  it('rejects a port that is not one, and unknown flags', () => {
    expect(() =>
      parseCliOptions(['start', '--postgres-port', 'x'], env),
    ).toThrow('--postgres-port must be a port number, got "x"');
    expect(() => parseCliOptions(['start', '--postgres'], env)).toThrow(
      /Unknown option '--postgres'/,
    );
  });

  it('hands the daemon the same options as flags', () => {
    const options = parseCliOptions(
      ['start', '--state-dir', '/s', '--kubernetes-port', '41002'],
      env,
    );
    expect(parseCliOptions(['run', ...optionsAsFlags(options)], env)).toEqual({
      ...options,
      command: 'run',
    });
  });
});
