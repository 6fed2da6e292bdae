import { Config } from '@backstage/config';
import {
  findWorkspaceRoot,
  readSandboxConfig,
  SandboxConfig,
} from '@jppol-idp/idp-sandbox';

/** How the dev backend runs the sandbox, from `idpPostgres.sandbox`. */
export type DevSandboxConfig = SandboxConfig;

/**
 * Delegates to the sandbox's own reader, which `yarn sandbox` uses on the
 * same app-config, so both run on the same state folder and ports.
 */
export function readDevSandboxConfig(config: Config): DevSandboxConfig {
  return readSandboxConfig(config.getOptional('idpPostgres.sandbox'), {
    rootDir: findWorkspaceRoot(),
    source: 'app-config',
  });
}
