import {
  DatabaseRole,
  DatabaseStatus,
  DetectedKnownError,
  FixRole,
  GrantObjectKind,
  KNOWN_ERRORS,
  fillFixPlaceholders,
  knownError,
  parseChartVersion,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseFacts } from './facts';

/** Which fix statements belong to which grant known error. */
const GRANT_ERRORS: Array<{
  id: string;
  kinds: GrantObjectKind[];
  sql: RegExp;
}> = [
  {
    id: 'missing-schema-usage',
    kinds: ['schema'],
    sql: /^GRANT USAGE ON SCHEMA/,
  },
  { id: 'missing-table-privileges', kinds: ['table'], sql: /ON ALL TABLES/ },
  {
    id: 'missing-sequence-privileges',
    kinds: ['sequence'],
    sql: /ON ALL SEQUENCES/,
  },
  {
    id: 'missing-default-privileges',
    kinds: ['default-tables', 'default-sequences'],
    sql: /^ALTER DEFAULT PRIVILEGES/,
  },
];

function chartBelow050(version: string | undefined): boolean {
  if (!version) return false;
  try {
    return parseChartVersion(version).dialect === 'name-only';
  } catch {
    return false;
  }
}

/**
 * Matches the checks of one database against the known-error catalogue and
 * makes each fix concrete: commands name this database's secrets, grant
 * errors carry the exact SQL. Ordered as the catalogue is, most blocking first.
 */
export function detectKnownErrors(
  facts: DatabaseFacts,
  status: Pick<DatabaseStatus, 'resource' | 'roles' | 'grants'>,
): DetectedKnownError[] {
  const { ref, names } = facts;
  const found: DetectedKnownError[] = [];
  const add = (
    id: string,
    detail: string,
    roles: DatabaseRole[] = [],
    commands?: string[],
  ) => {
    const entry = knownError(id);
    const fixRoles: FixRole[] = roles.map(role => ({
      role,
      secretId: names.secretsManagerSecrets[role],
    }));
    const fix = fillFixPlaceholders(entry.fix, {
      namespace: ref.namespace,
      database: ref.name,
      roles: fixRoles,
    });
    found.push({
      id,
      title: entry.title,
      cause: entry.cause,
      detail,
      fix: commands ? { ...fix, commands } : fix,
    });
  };
  const rolesWhere = (test: (role: DatabaseRole) => boolean) =>
    status.roles.map(r => r.role).filter(test);

  const secretsMissing = rolesWhere(role => {
    const k8s = facts.roles[role].kubernetesSecret;
    const sm = facts.roles[role].secretsManager;
    return (
      k8s.ok && !k8s.value && !(sm.ok && sm.value.presence.state === 'missing')
    );
  });
  if (secretsMissing.length > 0) {
    add(
      'kubernetes-secrets-missing',
      `Missing in namespace ${ref.namespace}: ${secretsMissing
        .map(r => names.kubernetesSecrets[r])
        .join(', ')}.`,
      secretsMissing,
    );
  }

  const scheduled = status.roles.filter(
    r => r.secretsManagerSecret.deletionDate,
  );
  if (scheduled.length > 0) {
    add(
      'secrets-manager-secret-scheduled-for-deletion',
      scheduled
        .map(
          r =>
            `${names.secretsManagerSecrets[r.role]} will be deleted on ${
              r.secretsManagerSecret.deletionDate
            }.`,
        )
        .join(' '),
      scheduled.map(r => r.role),
    );
  }

  if (facts.grants?.ok) {
    const report = facts.grants.value;
    for (const { id, kinds, sql } of GRANT_ERRORS) {
      const missing = report.missing.filter(m => kinds.includes(m.kind));
      if (missing.length > 0) {
        const objects = [
          ...new Set(
            missing.map(m => `${m.role}: ${m.privilege} on ${m.object}`),
          ),
        ];
        add(
          id,
          `Missing ${objects.join(', ')}.`,
          [],
          report.fixSql.filter(s => sql.test(s)),
        );
      }
    }
    const foreign = report.notOwnedByAdmin ?? [];
    if (foreign.length > 0) {
      add(
        'table-not-owned-by-admin',
        `${foreign
          .map(f => `public.${f.object} (${f.kind}) is owned by ${f.owner}`)
          .join(', ')}, not by ${
          report.adminRole
        }, so applying the grants cannot grant on it. Run the SQL as the current owner (it must be able to act as ${
          report.adminRole
        }) or as the cluster's master user, then apply the grants again.`,
        [],
        foreign.map(f => f.fixSql),
      );
    }
  }

  const sslRequired = rolesWhere(
    role =>
      status.roles.find(r => r.role === role)?.login.failure === 'ssl-required',
  );
  if (sslRequired.length > 0) {
    add(
      'ssl-required-no-pg-hba-entry',
      `Logins of ${sslRequired.join(', ')} were refused without SSL.`,
    );
  }

  const drifted = status.roles.filter(
    r =>
      r.secretAgreement.state === 'error' ||
      r.login.failure === 'wrong-password',
  );
  if (drifted.length > 0) {
    add(
      'secret-drift',
      drifted
        .map(
          r =>
            `${r.role}: ${
              r.login.failure === 'wrong-password'
                ? r.login.reason
                : r.secretAgreement.reason
            }`,
        )
        .join(' '),
      drifted.map(r => r.role),
    );
  }

  const resource = facts.resource.ok ? facts.resource.value : undefined;
  if (resource && ['warning', 'error'].includes(status.resource.state)) {
    add('resource-not-ready', status.resource.reason);
  }
  if (chartBelow050(resource?.chartVersion)) {
    add(
      'chart-below-0-5-0',
      `The database resource was rendered by chart ${resource?.chartVersion}.`,
      ['admin', 'write', 'read'],
    );
  }

  const order = (id: string) => KNOWN_ERRORS.findIndex(e => e.id === id);
  return found.sort((a, b) => order(a.id) - order(b.id));
}
