import {
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseRole,
  deriveDatabaseNames,
  isProductionNamespace,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { PluginConfig } from '../config/pluginConfig';
import type { KubernetesSecret } from '../kubernetes/KubernetesGateway';
import type {
  LoginResult,
  PostgresTarget,
} from '../postgres/PostgresInspector';
import type { SecretsManagerGateway } from '../secretsManager/SecretsManagerGateway';
import type { ClusterClients } from '../service/ClusterClients';
import { credentialsFrom, postgresTarget } from '../service/postgresTarget';
import { withTimeout } from '../service/withTimeout';
import type {
  AppsRepoFacts,
  DatabaseFacts,
  RoleFacts,
  SecretsManagerFact,
} from './facts';
import { Outcome, outcomeOf, skippedOutcome } from './outcome';

/**
 * Gathers the facts of one database with every independent call in
 * parallel: the custom resource, three Kubernetes secrets and three Secrets
 * Manager secrets at once; each login starts as soon as its own secret is
 * read, the grant query as soon as the admin secret is. Each system has its
 * own timeout, so a slow one leaves only its facts missing. What the apps
 * repo says is the caller's to give: the inventory has read it.
 */
export class StatusCollector {
  constructor(
    private readonly config: PluginConfig,
    private readonly clients: ClusterClients,
  ) {}

  async collect(
    ref: DatabaseRef,
    appsRepo?: AppsRepoFacts,
  ): Promise<DatabaseFacts> {
    const cluster = clusterForNamespace(this.config, ref.namespace);
    const names = deriveDatabaseNames(ref, {
      secretsManagerNamePattern: cluster.secretsManager.namePattern,
    });
    const kubernetes = this.clients.kubernetes(cluster);
    const secretsManager = this.clients.secretsManager(cluster);
    const target = postgresTarget(cluster, names.database);

    const resource = outcomeOf(
      kubernetes.getDatabaseResource(ref.namespace, ref.name),
    );
    const secrets = perRole(role =>
      outcomeOf(
        kubernetes.readSecret(ref.namespace, names.kubernetesSecrets[role]),
      ),
    );
    const roleFacts = perRole(async (role): Promise<RoleFacts> => {
      const [kubernetesSecret, secretsManagerFact, login] = await Promise.all([
        secrets[role],
        outcomeOf(
          readSecretsManager(secretsManager, names.secretsManagerSecrets[role]),
        ),
        secrets[role].then(secret =>
          this.login(target, secret, names.roles[role]),
        ),
      ]);
      return {
        kubernetesSecret,
        secretsManager: secretsManagerFact,
        login,
      };
    });
    const grants = secrets.admin.then(secret => {
      const admin = secret.ok
        ? credentialsFrom(secret.value, names.roles.admin)
        : undefined;
      if (!admin) {
        return skippedOutcome<never>(
          `no admin credentials: ${whyNoPassword(secret, 'admin ')}`,
        );
      }
      return outcomeOf(
        withTimeout(
          this.clients.postgres.grantReport(target, names.roles, admin),
          this.config.timeouts.postgres,
          `PostgreSQL grant query on ${names.database}`,
        ),
      );
    });

    const [resourceFact, admin, write, read, grantsFact] = await Promise.all([
      resource,
      roleFacts.admin,
      roleFacts.write,
      roleFacts.read,
      grants,
    ]);
    return {
      ref,
      names,
      resourcePlural: cluster.customResource.plural,
      resource: resourceFact,
      roles: { admin, write, read },
      grants: grantsFact,
      platform: {
        production: isProductionNamespace(
          ref.namespace,
          this.config.productionNamespacePatterns,
        ),
        appsRepo,
      },
    };
  }

  private async login(
    target: PostgresTarget,
    secret: Outcome<KubernetesSecret | undefined>,
    roleName: string,
  ): Promise<Outcome<LoginResult>> {
    const credentials = secret.ok
      ? credentialsFrom(secret.value, roleName)
      : undefined;
    if (!credentials) {
      return skippedOutcome(`no credentials: ${whyNoPassword(secret)}`);
    }
    return outcomeOf(
      withTimeout(
        this.clients.postgres.checkLogin(target, credentials),
        this.config.timeouts.postgres,
        `PostgreSQL login as ${roleName}`,
      ),
    );
  }
}

/**
 * A role's Secrets Manager secret with GetSecretValue (10,000/s), and only
 * for one scheduled for deletion also DescribeSecret, for the date.
 */
async function readSecretsManager(
  gateway: SecretsManagerGateway,
  secretId: string,
): Promise<SecretsManagerFact> {
  const read = await gateway.readValues(secretId);
  if (read.state === 'present') {
    return { presence: { state: 'present' }, values: read.values };
  }
  if (read.state === 'missing') {
    return { presence: { state: 'missing' } };
  }
  return { presence: await gateway.describe(secretId) };
}

/** Why a role's Kubernetes secret gave no password, naming the system at fault. */
function whyNoPassword(
  secret: Outcome<KubernetesSecret | undefined>,
  which = '',
): string {
  if (!secret.ok) {
    return `the ${which}Kubernetes secret could not be read from the Kubernetes API.`;
  }
  return secret.value
    ? `the ${which}Kubernetes secret has no password.`
    : `the ${which}Kubernetes secret is missing.`;
}

function perRole<T>(make: (role: DatabaseRole) => T): Record<DatabaseRole, T> {
  return Object.fromEntries(
    DATABASE_ROLES.map(role => [role, make(role)]),
  ) as Record<DatabaseRole, T>;
}
