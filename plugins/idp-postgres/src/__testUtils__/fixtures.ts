import {
  ConnectionInfo,
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseStatus,
  GrantReport,
  Inventory,
  InventoryDatabase,
  KNOWN_ERRORS,
  MAX_IDENTIFIER_BYTES,
  MonitoringReport,
  NewDatabaseCheck,
  OwnershipFinding,
  RestorePlan,
  RestoreTarget,
  RoleStatus,
  databaseName,
  isProductionNamespace,
  knownError,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

// Fixtures shaped like the backend's answers for idp-dev/orders. They hold
// names only: a password placeholder at most, never a password.

export const ref = { namespace: 'idp-dev', name: 'orders' };
const database = 'idp-dev-orders';
const host = 'rds-proxy-idp-rds-proxy.rds-proxy.svc.cluster.local';
const checkedAt = '2026-11-20T10:15:00.000Z';

export function grantReport(overrides: Partial<GrantReport> = {}): GrantReport {
  return {
    database,
    adminRole: `${database}-admin`,
    objects: { tables: 1, sequences: 1 },
    missing: [
      {
        role: 'write',
        privilege: 'INSERT',
        kind: 'table',
        count: 1,
        samples: ['orders'],
      },
      {
        role: 'read',
        privilege: 'USAGE',
        kind: 'schema',
        count: 1,
        samples: ['public'],
      },
    ],
    extra: [
      {
        role: 'read',
        privilege: 'DELETE',
        kind: 'table',
        count: 1,
        samples: ['orders'],
      },
    ],
    fixSql: [
      'GRANT USAGE ON SCHEMA public TO "idp-dev-orders-read";',
      'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "idp-dev-orders-write";',
    ],
    notOwnedByAdmin: notOwnedByAdmin([]),
    checkedAt,
    ...overrides,
  };
}

/** The report's objects the admin role does not own, from those given. */
export function notOwnedByAdmin(
  findings: OwnershipFinding[],
): GrantReport['notOwnedByAdmin'] {
  const owners = [...new Set(findings.map(f => f.owner))];
  return {
    count: findings.length,
    ownerCount: owners.length,
    owners: owners.map(owner => {
      const samples = findings.filter(f => f.owner === owner);
      return { owner, count: samples.length, samples };
    }),
    listSql: `SELECT c.relname AS object FROM pg_class c WHERE pg_get_userbyid(c.relowner) <> '${database}-admin';`,
  };
}

function roleStatus(role: RoleStatus['role']): RoleStatus {
  const ok = { state: 'ok' as const, reason: 'Fine.' };
  return {
    role,
    roleName: `${database}-${role}`,
    kubernetesSecret: {
      state: 'ok',
      reason: `Secret ${database}-${role} has all four keys.`,
    },
    secretsManagerSecret: ok,
    secretAgreement: ok,
    login: {
      state: 'ok',
      reason: `Logged in as ${database}-${role} over TLS.`,
    },
  };
}

export function healthyStatus(): DatabaseStatus {
  return {
    ...ref,
    database,
    state: 'ok',
    headline: {
      sentence: 'Healthy: every check passed.',
    },
    resource: { state: 'ok', reason: 'Ready and Synced.', conditions: [] },
    roles: DATABASE_ROLES.map(roleStatus),
    grants: {
      state: 'ok',
      reason: 'Read and write have every expected privilege.',
    },
    knownErrors: [],
    checkedAt,
  };
}

/** Secrets Manager did not answer: its checks are unknown, the rest known. */
export function partialStatus(): DatabaseStatus {
  const status = healthyStatus();
  status.state = 'unknown';
  status.headline = {
    sentence: 'Secrets Manager did not answer, so its checks are unknown.',
    next: { kind: 'wait', label: 'Refresh in a minute' },
  };
  status.roles = status.roles.map(r => ({
    ...r,
    secretsManagerSecret: {
      state: 'unknown',
      reason: 'Secrets Manager did not answer within 5 s.',
    },
    secretAgreement: {
      state: 'unknown',
      reason: 'Cannot compare without the Secrets Manager copy.',
    },
  }));
  return status;
}

/** Every catalogue entry detected at once, with detail and concrete commands. */
export function statusWithEveryKnownError(): DatabaseStatus {
  const status = healthyStatus();
  status.state = 'error';
  status.headline = { sentence: 'Several things are broken.' };
  status.knownErrors = KNOWN_ERRORS.map(e => ({
    id: e.id,
    title: e.title,
    cause: e.cause,
    detail: `Seen on ${database} (${e.id}).`,
    fix: e.fix,
  }));
  return status;
}

/** The write role's Kubernetes secret is gone. */
export function statusWithMissingSecret(): DatabaseStatus {
  const status = healthyStatus();
  status.state = 'error';
  status.headline = {
    sentence:
      'The write role’s Kubernetes secret is missing; its copy in Secrets Manager can restore it.',
    next: { kind: 'restore-secrets', label: 'Restore the secret' },
  };
  status.roles[1] = {
    ...status.roles[1],
    kubernetesSecret: {
      state: 'error',
      reason: 'Secret idp-dev-orders-write is missing.',
    },
    login: { state: 'unknown', reason: 'No credentials to log in with.' },
  };
  const entry = knownError('kubernetes-secrets-missing');
  status.knownErrors = [
    {
      id: entry.id,
      title: entry.title,
      cause: entry.cause,
      detail: 'The write role has no Kubernetes secret.',
      fix: entry.fix,
    },
  ];
  return status;
}

export function connectionInfo(): ConnectionInfo {
  const strings = (h: string, port: number, username: string) => [
    {
      client: 'node-postgres' as const,
      value: `postgres://${username}:\${DB_PASSWORD}@${h}:${port}/${database}?sslmode=no-verify`,
      sslNote: 'no-verify encrypts without checking the certificate.',
    },
    {
      client: 'psql' as const,
      value: `psql "host=${h} port=${port} dbname=${database} user=${username} sslmode=require"`,
      sslNote: 'require encrypts without checking the certificate.',
    },
  ];
  const endpointSource = (role: string) => ({
    from: 'role-secret' as const,
    secretName: `${ref.namespace}/${database}-${role}`,
    note: `Host and port as Kubernetes secret ${ref.namespace}/${database}-${role} holds them, which DB_HOST and DB_PORT read.`,
  });
  return {
    ...ref,
    database,
    host,
    port: 5432,
    endpointSource: endpointSource('admin'),
    roles: DATABASE_ROLES.map(role => ({
      role,
      username: `${database}-${role}`,
      host,
      port: 5432,
      endpointSource: endpointSource(role),
      passwordSource: `The password key of customer/${ref.namespace}/${database}-${role} in AWS Secrets Manager, or of the Kubernetes secret ${database}-${role}.`,
      secretName: `${database}-${role}`,
      secretsManagerSecretName: `customer/${ref.namespace}/${database}-${role}`,
      helmEnv: [
        { name: 'DB_NAME', value: database },
        {
          name: 'DB_USER',
          valueFrom: {
            secretKeyRef: { name: `${database}-${role}`, key: 'username' },
          },
        },
      ],
      connectionStrings: strings(host, 5432, `${database}-${role}`),
    })),
    local: {
      portForwardCommand:
        'kubectl port-forward -n rds-proxy svc/rds-proxy-idp-rds-proxy 5432:5432',
      host: 'localhost',
      port: 5432,
      passwordSource:
        'The "password" key of the role\'s secret in AWS Secrets Manager.',
      connectionStrings: DATABASE_ROLES.flatMap(role =>
        strings('localhost', 5432, `${database}-${role}`).map(s => ({
          role,
          ...s,
        })),
      ),
    },
    links: {
      pgAdmin: 'https://pgadmin.example.test',
      slack: 'https://slack.example.test/archives/C0',
    },
  };
}

export function restorePlan(): RestorePlan {
  return {
    ...ref,
    items: [
      {
        role: 'admin',
        secretName: `${database}-admin`,
        secretsManagerName: `customer/idp-dev/${database}-admin`,
        action: 'skip-in-sync',
        reason: 'The Kubernetes secret agrees with Secrets Manager.',
      },
      {
        role: 'write',
        secretName: `${database}-write`,
        secretsManagerName: `customer/idp-dev/${database}-write`,
        action: 'create',
        reason: 'The Kubernetes secret is missing.',
      },
      {
        role: 'read',
        secretName: `${database}-read`,
        secretsManagerName: `customer/idp-dev/${database}-read`,
        action: 'skip-differs',
        reason: 'The Kubernetes secret differs from Secrets Manager.',
      },
    ],
  };
}

/**
 * The read role's Secrets Manager copy is scheduled for deletion and its
 * Kubernetes secret is gone. Without `restoreScheduledSecrets` the backend
 * skips it; with it, it cancels the deletion first and then writes `target`.
 */
export function scheduledRestorePlan(
  options: {
    restoreScheduledSecrets?: boolean;
    target?: RestoreTarget;
  } = {},
): RestorePlan {
  const [admin, write, read] = restorePlan().items;
  const sm = read.secretsManagerName;
  return {
    ...ref,
    items: [
      admin,
      write,
      options.restoreScheduledSecrets
        ? {
            ...read,
            action: 'create',
            secretsManagerStep: 'cancel-deletion',
            target: options.target,
            reason: `Secrets Manager secret ${sm} is scheduled for deletion; its deletion will be cancelled (RestoreSecret), then the missing Kubernetes secret ${read.secretName} created from it.`,
          }
        : {
            ...read,
            action: 'skip-scheduled-for-deletion',
            reason: `Secrets Manager secret ${sm} is scheduled for deletion and cannot be read.`,
          },
    ],
  };
}

/**
 * The backend's answer for a free name: derived the way the backend derives
 * it, production by the default patterns, no problems.
 */
export function newDatabaseCheck(
  dbRef: DatabaseRef,
  overrides: Partial<NewDatabaseCheck> = {},
): NewDatabaseCheck {
  const roleNames = {
    admin: roleName(dbRef, 'admin'),
    write: roleName(dbRef, 'write'),
    read: roleName(dbRef, 'read'),
  };
  const problems = overrides.problems ?? [];
  return {
    ...dbRef,
    database: databaseName(dbRef),
    roleNames,
    bytesLeft: MAX_IDENTIFIER_BYTES - roleNames.admin.length,
    allowed: problems.length === 0,
    production: isProductionNamespace(dbRef.namespace),
    problems,
    ...overrides,
  };
}

/** One database of the inventory, deployed and healthy unless overridden. */
export function inventoryDatabase(
  namespace: string,
  name: string,
  overrides: Partial<InventoryDatabase> = {},
): InventoryDatabase {
  return {
    namespace,
    name,
    database: databaseName({ namespace, name }),
    cluster: 'sandbox',
    lifecycle: 'deployed',
    owner: { entityRef: 'group:default/team-shop', source: 'apps-repo' },
    usedBy: [],
    state: 'ok',
    reason: 'All checks passed.',
    knownErrors: [],
    checkedAt,
    change: 'unchanged',
    conflicts: [],
    ...overrides,
  };
}

/** An inventory holding the given databases. */
export function inventory(databases: InventoryDatabase[]): Inventory {
  return { refreshedAt: checkedAt, databases, removed: [], problems: [] };
}

/** A monitoring report of a quiet database, every part read. */
export function monitoringReport(
  overrides: Partial<MonitoringReport> = {},
): MonitoringReport {
  return {
    ...ref,
    database,
    checkedAt,
    serverVersion: '16.4',
    sizeBytes: 12_900_000,
    connections: {
      limit: 100,
      limitSource: 'server',
      total: 7,
      byRoleAndState: [
        { role: `${database}-write`, state: 'active', count: 2 },
        { role: `${database}-write`, state: 'idle', count: 4 },
        { role: `${database}-read`, state: 'idle', count: 1 },
      ],
    },
    longestQuery: { role: `${database}-write`, state: 'active', seconds: 125 },
    idleInTransaction: [],
    largestTables: [
      {
        schema: 'public',
        table: 'orders',
        sizeBytes: 8_400_000,
        lastAutovacuum: '2026-11-20T09:00:00.000Z',
        lastAutoanalyze: '2026-11-20T09:01:00.000Z',
      },
      { schema: 'public', table: 'order_lines', sizeBytes: 2_100_000 },
    ],
    backups: {
      policy: 'Aurora keeps automated snapshots for 7 days.',
      link: 'https://docs.example.test/backups',
      restore:
        'Restoring data means the platform team restores a snapshot into a new cluster; ask in the platform Slack channel.',
    },
    unknown: [],
    ...overrides,
  };
}
