import type { EndpointSource } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { KubernetesGateway } from '../kubernetes/KubernetesGateway';
import { endpointProblem } from '../service/secretEndpoint';

/** Where an app using one role connects, and where that was read. */
export interface RoleEndpoint {
  host: string;
  port: number;
  source: EndpointSource;
}

/** The only keys read: the password stays in the secret, undecoded. */
const ENDPOINT_KEYS = ['endpoint', 'port'] as const;

/**
 * A role's host and port as its Kubernetes secret holds them, which is
 * what an app's DB_HOST and DB_PORT read; the configured proxy when the
 * secret cannot be read, does not exist or holds no usable endpoint, with
 * the reason in the note.
 */
export async function readRoleEndpoint(
  kubernetes: () => KubernetesGateway,
  secret: { namespace: string; name: string },
  fallback: { host: string; port: number },
): Promise<RoleEndpoint> {
  const id = `${secret.namespace}/${secret.name}`;
  const fromConfig = (why: string): RoleEndpoint => ({
    ...fallback,
    source: {
      from: 'config',
      secretName: id,
      note: `${why}, so host and port are the configured proxy's (idpPostgres.proxy), not what an app's DB_HOST and DB_PORT would read.`,
    },
  });
  let keys: Partial<Record<(typeof ENDPOINT_KEYS)[number], string>> | undefined;
  try {
    keys = await kubernetes().readSecretKeys(
      secret.namespace,
      secret.name,
      ENDPOINT_KEYS,
    );
  } catch (error) {
    return fromConfig(
      `Kubernetes secret ${id} could not be read (${(error as Error).message})`,
    );
  }
  if (!keys) {
    return fromConfig(`Kubernetes secret ${id} does not exist`);
  }
  const problem = endpointProblem(keys);
  if (problem) {
    return fromConfig(`Kubernetes secret ${id} is unusable: ${problem}`);
  }
  return {
    host: keys.endpoint!.trim(),
    port: Number(keys.port!.trim()),
    source: {
      from: 'role-secret',
      secretName: id,
      note: `The endpoint and port keys of Kubernetes secret ${id}, which an app's DB_HOST and DB_PORT read.`,
    },
  };
}
