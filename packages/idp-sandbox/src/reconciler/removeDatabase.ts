import {
  DATABASE_ROLES,
  DatabaseNames,
  parseChartVersion,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { KubernetesStore } from '../kubernetes/KubernetesStore';
import { SECRETS } from '../kubernetes/resourceTypes';
import { operations } from '../secretsManager/operations';
import { SecretsManagerStore } from '../secretsManager/SecretsManagerStore';
import { PostgresAdmin } from './PostgresAdmin';

/** The spec the reconciler writes on a database resource. */
export interface ResourceSpec {
  name: string;
  chartVersion: string;
  deletionProtection: boolean;
}

/** Where a database's parts live. */
export interface DatabaseParts {
  kubernetes: KubernetesStore;
  secretsManager: SecretsManagerStore;
  postgres: PostgresAdmin;
}

/**
 * Removes what a database resource owns, by the rules of the chart version
 * that rendered it (its spec), as Crossplane does when the resource goes
 * away: the Kubernetes secrets always; the database, roles and Secrets
 * Manager secrets only when unprotected. Below chart 0.5.0 those secrets are
 * only scheduled for deletion (30 days), so the names stay taken; from 0.5.0
 * they are deleted without recovery.
 */
export async function removeDatabase(
  parts: DatabaseParts,
  namespace: string,
  names: DatabaseNames,
  spec: ResourceSpec,
): Promise<void> {
  for (const role of DATABASE_ROLES) {
    const secret = names.kubernetesSecrets[role];
    if (parts.kubernetes.find(SECRETS, namespace, secret)) {
      parts.kubernetes.delete(SECRETS, namespace, secret);
    }
  }
  if (spec.deletionProtection) return;
  await parts.postgres.dropDatabase(names.database);
  for (const role of DATABASE_ROLES) {
    await parts.postgres.dropRole(names.roles[role]);
  }
  const soft = parseChartVersion(spec.chartVersion).dialect === 'name-only';
  for (const role of DATABASE_ROLES) {
    const secret = parts.secretsManager.find(names.secretsManagerSecrets[role]);
    // A secret already scheduled for deletion is not this resource's: no
    // resource can create a name in that state. Left to its recovery
    // window, so the manual's force-delete step still finds it.
    if (!secret || secret.deletedDate !== undefined) continue;
    operations.DeleteSecret(parts.secretsManager, {
      SecretId: secret.name,
      ...(soft ? {} : { ForceDeleteWithoutRecovery: true }),
    });
  }
}
