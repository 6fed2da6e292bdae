import { Config } from '@backstage/config';
import { defaultStateDir } from '@jppol-idp/idp-sandbox';

/** How the dev backend runs the sandbox, from `idpPostgres.sandbox`. */
export interface DevSandboxConfig {
  enabled: boolean;
  stateDir: string;
  ports: { postgres?: number; kubernetes?: number; secretsManager?: number };
  kubernetesToken?: string;
}

export function readDevSandboxConfig(config: Config): DevSandboxConfig {
  return {
    enabled: config.getOptionalBoolean('idpPostgres.sandbox.enabled') ?? false,
    stateDir:
      config.getOptionalString('idpPostgres.sandbox.stateDir') ??
      defaultStateDir(),
    ports: {
      postgres: config.getOptionalNumber('idpPostgres.sandbox.ports.postgres'),
      kubernetes: config.getOptionalNumber(
        'idpPostgres.sandbox.ports.kubernetes',
      ),
      secretsManager: config.getOptionalNumber(
        'idpPostgres.sandbox.ports.secretsManager',
      ),
    },
    kubernetesToken: config.getOptionalString(
      'idpPostgres.sandbox.kubernetesToken',
    ),
  };
}
