import { Config } from '@backstage/config';
import { defaultStateDir } from '@jppol-idp/idp-sandbox';

/** How the dev backend runs the sandbox, from `idpSandbox`. */
export interface DevSandboxConfig {
  enabled: boolean;
  stateDir: string;
  ports: { postgres?: number; kubernetes?: number; secretsManager?: number };
  kubernetesToken?: string;
}

export function readDevSandboxConfig(config: Config): DevSandboxConfig {
  return {
    enabled: config.getOptionalBoolean('idpSandbox.enabled') ?? false,
    stateDir:
      config.getOptionalString('idpSandbox.stateDir') ?? defaultStateDir(),
    ports: {
      postgres: config.getOptionalNumber('idpSandbox.ports.postgres'),
      kubernetes: config.getOptionalNumber('idpSandbox.ports.kubernetes'),
      secretsManager: config.getOptionalNumber(
        'idpSandbox.ports.secretsManager',
      ),
    },
    kubernetesToken: config.getOptionalString('idpSandbox.kubernetesToken'),
  };
}
