import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readRepoSandboxConfig } from '../config/repoAppConfig';
import { parsePort, SandboxPorts } from '../config/sandboxConfig';
import { findWorkspaceRoot } from '../state/sandboxPaths';

/** What a command runs with, after flags, environment and app-config. */
export interface CliOptions {
  command?: string;
  stateDir: string;
  ports: SandboxPorts;
  kubernetesToken?: string;
}

/** How `start` hands the token to its daemon without putting it in `ps`. */
export const TOKEN_ENV = 'IDP_SANDBOX_KUBERNETES_TOKEN';

const PORT_FLAGS: Record<string, keyof SandboxPorts> = {
  'postgres-port': 'postgres',
  'kubernetes-port': 'kubernetes',
  'secrets-manager-port': 'secretsManager',
};

/**
 * Flags first, then environment, then `idpPostgres.sandbox` in the
 * repository's app-config (what `yarn start` uses), then defaults.
 *
 * Relative paths resolve against the folder the user ran the command from.
 * Yarn passes that folder as INIT_CWD, because it runs package scripts in
 * the package's own folder.
 */
export function parseCliOptions(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'state-dir': { type: 'string' },
      'postgres-port': { type: 'string' },
      'kubernetes-port': { type: 'string' },
      'secrets-manager-port': { type: 'string' },
      'kubernetes-token': { type: 'string' },
    },
  });
  const config = readRepoSandboxConfig(
    findWorkspaceRoot(resolvePackagePath('@jppol-idp/idp-sandbox')),
  );
  const from = env.INIT_CWD ?? process.cwd();
  const stateDir = values['state-dir'] ?? env.IDP_SANDBOX_STATE_DIR;
  const ports: SandboxPorts = { ...config.ports };
  for (const [flag, part] of Object.entries(PORT_FLAGS)) {
    const value = values[flag as keyof typeof values];
    if (value !== undefined) ports[part] = parsePort(value, `--${flag}`);
  }
  return {
    command: positionals[0],
    stateDir: stateDir ? path.resolve(from, stateDir) : config.stateDir,
    ports,
    kubernetesToken:
      values['kubernetes-token'] ?? env[TOKEN_ENV] ?? config.kubernetesToken,
  };
}

/** The flags that make a child process run with the same options. */
export function optionsAsFlags(options: CliOptions): string[] {
  const flags = ['--state-dir', options.stateDir];
  for (const [flag, part] of Object.entries(PORT_FLAGS)) {
    const port = options.ports[part];
    if (port !== undefined) flags.push(`--${flag}`, String(port));
  }
  return flags;
}
