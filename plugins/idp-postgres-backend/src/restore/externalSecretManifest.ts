import { ROLE_SECRET_KEYS } from '../kubernetes/KubernetesGateway';

/** Where the External Secrets Operator's ExternalSecret type is served. */
export const EXTERNAL_SECRET_TYPE = {
  group: 'external-secrets.io',
  version: 'v1',
  plural: 'externalsecrets',
  kind: 'ExternalSecret',
} as const;

/** What one role's ExternalSecret is made from. */
export interface ExternalSecretSpec {
  namespace: string;
  /** The Kubernetes secret name; the ExternalSecret carries the same name. */
  secretName: string;
  secretsManagerName: string;
  labels: Record<string, string>;
  secretStoreRef: { kind: string; name: string };
  /**
   * `Owner` makes a missing Secret; `Merge` writes the keys into an existing
   * one (restore with force), which the operator would not adopt otherwise.
   */
  creationPolicy: 'Owner' | 'Merge';
}

/**
 * An ExternalSecret that makes a role's Kubernetes secret from its Secrets
 * Manager copy, one `remoteRef` per key, as later manuals restore protected
 * databases. It names the value's location only, never the value.
 */
export function externalSecretManifest(spec: ExternalSecretSpec) {
  return {
    apiVersion: `${EXTERNAL_SECRET_TYPE.group}/${EXTERNAL_SECRET_TYPE.version}`,
    kind: EXTERNAL_SECRET_TYPE.kind,
    metadata: {
      name: spec.secretName,
      namespace: spec.namespace,
      labels: spec.labels,
    },
    spec: {
      secretStoreRef: spec.secretStoreRef,
      target: { name: spec.secretName, creationPolicy: spec.creationPolicy },
      data: ROLE_SECRET_KEYS.map(key => ({
        secretKey: key,
        remoteRef: { key: spec.secretsManagerName, property: key },
      })),
    },
  };
}
