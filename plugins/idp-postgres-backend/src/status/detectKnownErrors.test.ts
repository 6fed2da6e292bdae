import {
  DATABASE_ROLES,
  DatabaseRole,
  KNOWN_ERRORS,
  deriveDatabaseNames,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { evaluateStatus } from './evaluateStatus';
import type { DatabaseFacts, RoleFacts } from './facts';
import { KNOWN_ERROR_DETECTORS } from './knownErrors';

const ref = { namespace: 'idp-dev', name: 'orders' };
const names = deriveDatabaseNames(ref);

const secretData = (role: DatabaseRole) => ({
  endpoint: 'aurora.idp.internal',
  port: '5432',
  username: names.roles[role],
  password: `not-a-real-password-${role}`,
});

function healthyRole(role: DatabaseRole): RoleFacts {
  return {
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
  };
}

/** One database as the collectors would see it when all is well. */
function healthyFacts(): DatabaseFacts {
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
        missing: [],
        extra: [],
        fixSql: [],
        checkedAt: '2026-05-01T10:00:00.000Z',
      },
    },
  };
}

function scheduleForDeletion(facts: DatabaseFacts, role: DatabaseRole) {
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

const detected = (facts: DatabaseFacts) => evaluateStatus(facts).knownErrors;

describe('known-error detectors', () => {
  it('raise catalogue entries, in the catalogue’s order', () => {
    const catalogueIds = KNOWN_ERRORS.map(e => e.id);
    const detectorIds = KNOWN_ERROR_DETECTORS.map(d => d.id);
    expect(detectorIds).toEqual(
      catalogueIds.filter(id => detectorIds.includes(id)),
    );
    // The backend cannot see an app's TLS settings or ArgoCD's rendering.
    expect(catalogueIds.filter(id => !detectorIds.includes(id))).toEqual([
      'node-postgres-sslmode-require-verifies',
      'chart-values-rejected-by-schema',
    ]);
  });

  it('find nothing in a healthy database', () => {
    expect(detected(healthyFacts())).toEqual([]);
  });
});

describe('secrets-manager-secret-scheduled-for-deletion', () => {
  it('says when the secret is purged, not when it was deleted', () => {
    const facts = healthyFacts();
    scheduleForDeletion(facts, 'read');
    const [found] = detected(facts);
    expect(found.id).toBe('secrets-manager-secret-scheduled-for-deletion');
    expect(found.detail).toBe(
      "customer/idp-dev/idp-dev-orders-read was deleted on 2026-05-01 10:00 UTC and will be purged when its recovery window ends: not before 2026-05-08 (the 7-day minimum), by 2026-05-31 at the latest (30 days, AWS's default).",
    );
  });

  it('tells to restore no Kubernetes secret when the present one logs in', () => {
    const facts = healthyFacts();
    scheduleForDeletion(facts, 'read');
    const [found] = detected(facts);
    expect(found.fix.steps).toEqual([
      expect.stringMatching(/^To keep the database: cancel the deletion/),
      'idp-dev-orders-read is present and logs in, so no Kubernetes secret needs restoring for it.',
      expect.stringMatching(/^To recreate the database from scratch/),
    ]);
    expect(found.fix.commands).toEqual([
      "aws secretsmanager restore-secret --secret-id 'customer/idp-dev/idp-dev-orders-read'",
      "aws secretsmanager delete-secret --secret-id 'customer/idp-dev/idp-dev-orders-read' --force-delete-without-recovery",
    ]);
  });

  it('names only the Kubernetes secrets that are missing or refused', () => {
    const facts = healthyFacts();
    for (const role of DATABASE_ROLES) scheduleForDeletion(facts, role);
    facts.roles.write.kubernetesSecret = { ok: true, value: undefined };
    facts.roles.write.login = {
      ok: false,
      reason: 'No Kubernetes secret to log in with.',
      skipped: true,
    };
    facts.roles.read.login = {
      ok: true,
      value: {
        ok: false,
        failure: 'wrong-password',
        reason: 'password authentication failed for user "idp-dev-orders-read"',
      },
    };
    const found = detected(facts);
    expect(found.map(e => e.id)).toEqual([
      'kubernetes-secrets-missing',
      'secrets-manager-secret-scheduled-for-deletion',
      'secret-drift',
    ]);
    expect(found[1].fix.steps[1]).toBe(
      'Then restore the missing Kubernetes secret idp-dev-orders-write from the recovered copy (Restore action). ' +
        'Restore idp-dev-orders-read with force: the database refuses its password (Restore action with force). ' +
        'idp-dev-orders-admin is present and logs in, so no Kubernetes secret needs restoring for it.',
    );
    expect(found[1].fix.commands).toHaveLength(6);
  });
});

describe('chart-below-0-5-0', () => {
  it('gives the manual’s whole procedure with this database’s resource', () => {
    const facts = healthyFacts();
    facts.resourcePlural = 'pgdatabases';
    if (facts.resource.ok && facts.resource.value) {
      facts.resource.value.chartVersion = '0.4.1';
    }
    const [found] = detected(facts);
    expect(found.id).toBe('chart-below-0-5-0');
    expect(found.detail).toBe(
      'The database resource was rendered by chart 0.4.1.',
    );
    expect(found.fix.steps).toEqual([
      expect.stringMatching(/^Back up the data first/),
      'Delete the database from your apps repo and let ArgoCD sync.',
      expect.stringMatching(/force-delete the read, write and admin secrets/),
      'Delete the PostgresqlDatabase resource if it is still there (kubectl delete pgdatabases orders -n idp-dev), so Crossplane recreates all the resources.',
      'Re-add the database to your apps repo with chartVersion "0.5.0".',
    ]);
    expect(found.fix.commands).toEqual(
      DATABASE_ROLES.map(
        role =>
          `aws secretsmanager delete-secret --secret-id 'customer/idp-dev/idp-dev-orders-${role}' --force-delete-without-recovery`,
      ),
    );
  });

  it('ignores a version it cannot read', () => {
    const facts = healthyFacts();
    if (facts.resource.ok && facts.resource.value) {
      facts.resource.value.chartVersion = 'latest';
    }
    expect(detected(facts)).toEqual([]);
  });
});
