import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseRole,
  DatabaseSummary,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import pLimit from 'p-limit';
import { clusterForNamespace } from '../config/clusterForNamespace';
import type { ClusterConfig, PluginConfig } from '../config/pluginConfig';
import type {
  DatabaseResource,
  KubernetesSecret,
} from '../kubernetes/KubernetesGateway';
import type { ListedSecret } from '../secretsManager/SecretsManagerGateway';
import type { ClusterClients } from '../service/ClusterClients';
import { credentialsFrom, postgresTarget } from '../service/postgresTarget';
import { withTimeout } from '../service/withTimeout';
import { evaluateStatus, summarise } from './evaluateStatus';
import type { DatabaseFacts, RoleFacts } from './facts';
import { Outcome, outcomeOf, skippedOutcome } from './outcome';

/** Databases whose logins are checked at the same time. */
const DATABASES_IN_PARALLEL = 3;

/**
 * Every database of a namespace with summary health, at a cost that does
 * not grow with the number of databases on the API side: one list of the
 * custom resources, one list of the namespace's secrets and one prefix
 * listing in Secrets Manager (ListSecrets has a quota of 100/s). Only the
 * logins are per database, a few databases at a time. Values are not
 * compared here; the single status does that.
 */
export class DatabaseListService {
  constructor(
    private readonly config: PluginConfig,
    private readonly clients: ClusterClients,
    private readonly logger: LoggerService,
  ) {}

  async list(namespace: string): Promise<DatabaseSummary[]> {
    const cluster = clusterForNamespace(this.config, namespace);
    const kubernetes = this.clients.kubernetes(cluster);
    const [resources, secrets, listed] = await Promise.all([
      outcomeOf(kubernetes.listDatabaseResources(namespace)),
      outcomeOf(kubernetes.listSecrets(namespace)),
      outcomeOf(
        this.clients
          .secretsManager(cluster)
          .listByPrefix(secretsManagerPrefix(cluster, namespace)),
      ),
    ]);
    if (!resources.ok) {
      // Without the resources there is no list to degrade.
      throw new ServiceUnavailableError(resources.reason);
    }
    const limit = pLimit(DATABASES_IN_PARALLEL);
    const known = resources.value.map(resource => ({
      ref: {
        namespace: resource.namespace,
        name: resource.databaseName ?? resource.name,
      },
      resource: resource as DatabaseResource | undefined,
    }));
    // A database removed from the apps repo has no resource any more, but
    // its database and Secrets Manager secrets live on (the manual's restore
    // case): list it from the Secrets Manager listing already made.
    const withResource = new Set(known.map(k => k.ref.name));
    for (const name of listed.ok
      ? databasesInSecretNames(cluster, namespace, listed.value)
      : []) {
      if (withResource.has(name)) continue;
      withResource.add(name);
      known.push({ ref: { namespace, name }, resource: undefined });
    }
    const summaries = await Promise.all(
      known.flatMap(({ ref, resource }) => {
        const facts = this.factsOf(cluster, ref, resource, secrets, listed);
        return facts ? [limit(() => this.withLogins(cluster, facts))] : [];
      }),
    );
    return summaries
      .map(facts => summarise(evaluateStatus(facts)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private factsOf(
    cluster: ClusterConfig,
    ref: DatabaseRef,
    resource: DatabaseResource | undefined,
    secrets: Outcome<KubernetesSecret[]>,
    listed: Outcome<ListedSecret[]>,
  ): DatabaseFacts | undefined {
    let names;
    try {
      names = deriveDatabaseNames(ref, {
        secretsManagerNamePattern: cluster.secretsManager.namePattern,
      });
    } catch (error) {
      this.logger.warn('Skipping a database resource with an invalid name', {
        namespace: ref.namespace,
        name: ref.name,
        error: (error as Error).message,
      });
      return undefined;
    }
    const roles = Object.fromEntries(
      DATABASE_ROLES.map(role => {
        const facts: RoleFacts = {
          kubernetesSecret: secrets.ok
            ? {
                ok: true,
                value: secrets.value.find(
                  s => s.name === names.kubernetesSecrets[role],
                ),
              }
            : secrets,
          secretsManager: listed.ok
            ? {
                ok: true,
                value: {
                  presence: presenceOf(
                    listed.value,
                    names.secretsManagerSecrets[role],
                  ),
                },
              }
            : listed,
          login: skippedOutcome('not checked yet'),
        };
        return [role, facts];
      }),
    ) as Record<DatabaseRole, RoleFacts>;
    return {
      ref,
      names,
      resourcePlural: cluster.customResource.plural,
      resource: { ok: true, value: resource },
      roles,
    };
  }

  private async withLogins(
    cluster: ClusterConfig,
    facts: DatabaseFacts,
  ): Promise<DatabaseFacts> {
    const target = postgresTarget(cluster, facts.names.database);
    await Promise.all(
      DATABASE_ROLES.map(async role => {
        const roleFacts = facts.roles[role];
        const secret = roleFacts.kubernetesSecret;
        const credentials = secret.ok
          ? credentialsFrom(secret.value, facts.names.roles[role])
          : undefined;
        roleFacts.login = credentials
          ? await outcomeOf(
              withTimeout(
                this.clients.postgres.checkLogin(target, credentials),
                this.config.timeouts.postgres,
                `PostgreSQL login as ${facts.names.roles[role]}`,
              ),
            )
          : skippedOutcome(
              'no credentials: the Kubernetes secret could not be read or has no password.',
            );
      }),
    );
    return facts;
  }
}

/**
 * The databases named by the namespace's Secrets Manager secrets, read
 * back through the cluster's name pattern; names that do not fit it are
 * ignored.
 */
export function databasesInSecretNames(
  cluster: ClusterConfig,
  namespace: string,
  listed: ListedSecret[],
): string[] {
  const seen = new Set<string>();
  let source = '';
  for (const part of cluster.secretsManager.namePattern.split(/(\{[a-z]+\})/)) {
    if (part === '{namespace}') source += escapeRegExp(namespace);
    else if (part === '{database}' || part === '{role}') {
      const group = part.slice(1, -1);
      const value =
        group === 'role' ? DATABASE_ROLES.join('|') : '[a-z0-9][-a-z0-9]*';
      source += seen.has(group) ? `\\k<${group}>` : `(?<${group}>${value})`;
      seen.add(group);
    } else source += escapeRegExp(part);
  }
  const pattern = new RegExp(`^${source}$`);
  const names = listed
    .map(s => pattern.exec(s.name)?.groups?.database)
    .filter((name): name is string => Boolean(name));
  return [...new Set(names)].sort();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The literal start of the namespace's Secrets Manager names: the pattern
 * with the namespace filled in, up to the first other placeholder.
 */
export function secretsManagerPrefix(
  cluster: ClusterConfig,
  namespace: string,
): string {
  const filled = cluster.secretsManager.namePattern.replace(
    /\{namespace\}/g,
    namespace,
  );
  const open = filled.indexOf('{');
  return open === -1 ? filled : filled.slice(0, open);
}

function presenceOf(listed: ListedSecret[], name: string) {
  const found = listed.find(s => s.name === name);
  if (!found) return { state: 'missing' as const };
  return found.deletedDate
    ? {
        state: 'scheduled-for-deletion' as const,
        deletedDate: found.deletedDate,
      }
    : { state: 'present' as const };
}
