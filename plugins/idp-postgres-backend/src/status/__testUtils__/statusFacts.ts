import {
  DatabaseDefinition,
  DatabaseRef,
  DatabaseRole,
  deriveDatabaseNames,
  PrivilegeGroup,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { AppsRepoFacts, DatabaseFacts, RoleFacts } from '../facts';

/**
 * Facts of one database as the collector gathers them, built by hand so a
 * test can set up any state of the platform and run the real judgement
 * (`evaluateStatus`) on it. Passwords are made up and never real.
 */
export function healthyFacts(
  ref: DatabaseRef = { namespace: 'idp-dev', name: 'orders' },
): DatabaseFacts {
  const names = deriveDatabaseNames(ref);
  const secretData = (role: DatabaseRole) => ({
    endpoint: 'aurora.idp.internal',
    port: '5432',
    username: names.roles[role],
    password: `not-a-real-password-${role}`,
  });
  const healthyRole = (role: DatabaseRole): RoleFacts => ({
    kubernetesSecret: {
      ok: true,
      value: {
        name: names.kubernetesSecrets[role],
        namespace: ref.namespace,
        labels: {},
        data: secretData(role),
      },
    },
    secretsManager: {
      ok: true,
      value: { presence: { state: 'present' }, values: secretData(role) },
    },
    login: { ok: true, value: { ok: true } },
  });
  return {
    ref,
    names,
    resourcePlural: 'postgresqldatabases',
    resource: {
      ok: true,
      value: {
        name: ref.name,
        namespace: ref.namespace,
        chartVersion: '0.5.0',
        conditions: [
          { type: 'Ready', status: 'True', reason: 'Available' },
          { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
        ],
      },
    },
    roles: {
      admin: healthyRole('admin'),
      write: healthyRole('write'),
      read: healthyRole('read'),
    },
    grants: {
      ok: true,
      value: {
        database: names.database,
        adminRole: names.roles.admin,
        objects: { tables: 0, sequences: 0 },
        missing: [],
        extra: [],
        fixSql: [],
        notOwnedByAdmin: {
          count: 0,
          ownerCount: 0,
          owners: [],
          listSql: 'SELECT …',
        },
        checkedAt: '2026-05-01T10:00:00.000Z',
      },
    },
    platform: { production: false },
  };
}

/** The definition the apps repo holds for a database, as the inventory reads it. */
export function definitionOf(
  ref: DatabaseRef,
  overrides: Partial<DatabaseDefinition> = {},
): DatabaseDefinition {
  const folder = `${ref.namespace}/${ref.name}`;
  return {
    folder,
    valuesPath: `${folder}/values.yaml`,
    chartVersion: '0.5.0',
    protected: false,
    url: `https://github.com/org/apps/blob/main/${folder}/values.yaml`,
    ...overrides,
  };
}

/** Puts the database in the apps repo, as the inventory knows it. */
export function inAppsRepo(
  facts: DatabaseFacts,
  appsRepo: Partial<AppsRepoFacts> = {},
): DatabaseFacts {
  facts.platform.appsRepo = {
    definition: definitionOf(facts.ref),
    usedBy: [],
    ...appsRepo,
  };
  return facts;
}

/** An app of the apps repo whose values read these roles' secrets. */
export function appUsing(
  facts: DatabaseFacts,
  app: string,
  roles: DatabaseRole[],
) {
  const folder = `${facts.ref.namespace}/${app}`;
  return {
    folder,
    valuesPath: `${folder}/values.yaml`,
    roles,
    entityRef: `component:default/${app}`,
  };
}

/** Read and write without USAGE on schema public, as the platform creates them. */
export function withoutGrants(facts: DatabaseFacts): DatabaseFacts {
  const missing: PrivilegeGroup[] = [
    {
      role: 'write',
      privilege: 'USAGE',
      kind: 'schema',
      count: 1,
      samples: ['public'],
    },
    {
      role: 'read',
      privilege: 'USAGE',
      kind: 'schema',
      count: 1,
      samples: ['public'],
    },
  ];
  if (facts.grants?.ok) {
    facts.grants.value = {
      ...facts.grants.value,
      missing,
      fixSql: [
        `GRANT USAGE ON SCHEMA "public" TO "${facts.names.roles.write}";`,
        `GRANT USAGE ON SCHEMA "public" TO "${facts.names.roles.read}";`,
      ],
    };
  }
  return facts;
}

/** A role's Secrets Manager secret scheduled for deletion on 2026-05-01. */
export function scheduleForDeletion(facts: DatabaseFacts, role: DatabaseRole) {
  facts.roles[role].secretsManager = {
    ok: true,
    value: {
      presence: {
        state: 'scheduled-for-deletion',
        deletedDate: '2026-05-01T10:00:00.000Z',
      },
    },
  };
}

/** A role's Kubernetes secret gone, and so its login not tried. */
export function withoutKubernetesSecret(
  facts: DatabaseFacts,
  role: DatabaseRole,
) {
  facts.roles[role].kubernetesSecret = { ok: true, value: undefined };
  facts.roles[role].login = {
    ok: false,
    reason: 'No Kubernetes secret to log in with.',
    skipped: true,
  };
}
