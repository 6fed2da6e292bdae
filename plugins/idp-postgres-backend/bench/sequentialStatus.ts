import {
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseRole,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { clusterForNamespace } from '../src/config/clusterForNamespace';
import type { PluginConfig } from '../src/config/pluginConfig';
import type { KubernetesSecret } from '../src/kubernetes/KubernetesGateway';
import type { LoginResult } from '../src/postgres/PostgresInspector';
import type { SecretsManagerGateway } from '../src/secretsManager/SecretsManagerGateway';
import type { ClusterClients } from '../src/service/ClusterClients';
import { credentialsFrom, postgresTarget } from '../src/service/postgresTarget';
import type {
  DatabaseFacts,
  RoleFacts,
  SecretsManagerFact,
} from '../src/status/facts';
import { Outcome, outcomeOf, skippedOutcome } from '../src/status/outcome';

/**
 * The facts of one database status gathered the naive way: the same real
 * gateways and inspector the plugin uses, but every call awaited before the
 * next starts (resource, three secrets, three Secrets Manager reads, three
 * logins, the grant query). It exists only for the benchmark, as the
 * baseline the plugin's parallel StatusCollector is compared with; with a
 * delay D on every upstream call it takes 11 D.
 */
export async function collectSequentially(
  config: PluginConfig,
  clients: ClusterClients,
  ref: DatabaseRef,
): Promise<DatabaseFacts> {
  const cluster = clusterForNamespace(config, ref.namespace);
  const names = deriveDatabaseNames(ref, {
    secretsManagerNamePattern: cluster.secretsManager.namePattern,
  });
  const kubernetes = clients.kubernetes(cluster);
  const secretsManager = clients.secretsManager(cluster);
  const target = postgresTarget(cluster, names.database);

  const resource = await outcomeOf(
    kubernetes.getDatabaseResource(ref.namespace, ref.name),
  );
  const secrets = {} as Record<
    DatabaseRole,
    Outcome<KubernetesSecret | undefined>
  >;
  for (const role of DATABASE_ROLES) {
    secrets[role] = await outcomeOf(
      kubernetes.readSecret(ref.namespace, names.kubernetesSecrets[role]),
    );
  }
  const stored = {} as Record<DatabaseRole, Outcome<SecretsManagerFact>>;
  for (const role of DATABASE_ROLES) {
    stored[role] = await outcomeOf(
      readStored(secretsManager, names.secretsManagerSecrets[role]),
    );
  }
  const roles = {} as Record<DatabaseRole, RoleFacts>;
  for (const role of DATABASE_ROLES) {
    const secret = secrets[role];
    const credentials = secret.ok
      ? credentialsFrom(secret.value, names.roles[role])
      : undefined;
    const login: Outcome<LoginResult> = credentials
      ? await outcomeOf(clients.postgres.checkLogin(target, credentials))
      : skippedOutcome('no credentials');
    roles[role] = {
      kubernetesSecret: secret,
      secretsManager: stored[role],
      login,
    };
  }
  const admin = secrets.admin.ok
    ? credentialsFrom(secrets.admin.value, names.roles.admin)
    : undefined;
  const grants = admin
    ? await outcomeOf(clients.postgres.grantReport(target, names.roles, admin))
    : skippedOutcome<never>('no admin credentials');
  return {
    ref,
    names,
    resourcePlural: cluster.customResource.plural,
    resource,
    roles,
    grants,
    platform: { production: false },
  };
}

/** A role's Secrets Manager secret, read as the plugin reads it. */
async function readStored(
  gateway: SecretsManagerGateway,
  secretId: string,
): Promise<SecretsManagerFact> {
  const read = await gateway.readValues(secretId);
  if (read.state === 'present') {
    return { presence: { state: 'present' }, values: read.values };
  }
  if (read.state === 'missing') return { presence: { state: 'missing' } };
  return { presence: await gateway.describe(secretId) };
}
