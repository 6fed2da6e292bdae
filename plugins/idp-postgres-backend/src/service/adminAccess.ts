import { NotFoundError } from '@backstage/errors';
import {
  DatabaseRef,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { PluginConfig } from '../config/pluginConfig';
import type {
  PostgresTarget,
  RoleCredentials,
} from '../postgres/PostgresInspector';
import type { GrantRoleNames } from '../postgres/grantReport';
import type { ClusterClients } from './ClusterClients';
import { credentialsFrom, postgresTarget } from './postgresTarget';

/** How the backend reaches one database as its admin role. */
export interface AdminAccess {
  target: PostgresTarget;
  roles: GrantRoleNames;
  admin: RoleCredentials;
}

/**
 * The database's admin login: the admin role's derived name with the
 * password from its Kubernetes secret (the platform gives the backend no
 * login of its own, and the admin role owns the database and schema
 * public). Never the secret's `username`, so a secret naming another role
 * cannot make grants or monitoring run as that role. A NotFoundError when
 * the secret is missing or has no password.
 */
export async function adminAccess(
  config: PluginConfig,
  clients: ClusterClients,
  ref: DatabaseRef,
): Promise<AdminAccess> {
  const cluster = clusterForNamespace(config, ref.namespace);
  const names = deriveDatabaseNames(ref, {
    secretsManagerNamePattern: cluster.secretsManager.namePattern,
  });
  const secretName = names.kubernetesSecrets.admin;
  const secret = await clients
    .kubernetes(cluster)
    .readSecret(ref.namespace, secretName);
  const admin = credentialsFrom(secret, names.roles.admin);
  if (!admin) {
    throw new NotFoundError(
      `The admin secret ${ref.namespace}/${secretName} is missing or has no password; restore the secrets first`,
    );
  }
  return {
    target: postgresTarget(cluster, names.database),
    roles: names.roles,
    admin,
  };
}
