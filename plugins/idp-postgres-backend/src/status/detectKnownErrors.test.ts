import {
  DATABASE_ROLES,
  KNOWN_ERRORS,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  definitionOf,
  healthyFacts,
  inAppsRepo,
  scheduleForDeletion,
  withoutKubernetesSecret,
} from './__testUtils__/statusFacts';
import { evaluateStatus } from './evaluateStatus';
import type { DatabaseFacts } from './facts';
import { KNOWN_ERROR_DETECTORS } from './knownErrors';

const detected = (facts: DatabaseFacts) => evaluateStatus(facts).knownErrors;
const folded = (facts: DatabaseFacts) =>
  detected(facts).map(e => (e.causedBy ? `${e.id} < ${e.causedBy}` : e.id));

/** The form a template link fills in, decoded. */
function formDataOf(link: string | undefined) {
  const url = new URL(link!, 'https://backstage.example');
  return {
    template: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

describe('known-error detectors', () => {
  it('raise catalogue entries, in the catalogue’s order', () => {
    const catalogueIds = KNOWN_ERRORS.map(e => e.id);
    const detectorIds = KNOWN_ERROR_DETECTORS.map(d => d.id);
    expect(detectorIds).toEqual(
      catalogueIds.filter(id => detectorIds.includes(id)),
    );
    // The backend cannot see an app's TLS settings.
    expect(catalogueIds.filter(id => !detectorIds.includes(id))).toEqual([
      'node-postgres-sslmode-require-verifies',
    ]);
  });

  it('fold only errors they can find', () => {
    const ids = KNOWN_ERROR_DETECTORS.map(d => d.id);
    for (const detector of KNOWN_ERROR_DETECTORS) {
      for (const consequence of detector.consequences ?? []) {
        expect([detector.id, ids.includes(consequence)]).toEqual([
          detector.id,
          true,
        ]);
      }
    }
  });

  it('find nothing in a healthy database', () => {
    expect(detected(healthyFacts())).toEqual([]);
    expect(detected(inAppsRepo(healthyFacts()))).toEqual([]);
  });
});

describe('secrets-manager-secret-scheduled-for-deletion', () => {
  it('says when the secret is purged, not when it was deleted', () => {
    const facts = healthyFacts();
    scheduleForDeletion(facts, 'read');
    const status = evaluateStatus(facts);
    const [found] = status.knownErrors;
    expect(found.id).toBe('secrets-manager-secret-scheduled-for-deletion');
    expect(found.detail).toBe(
      'customer/idp-dev/idp-dev-orders-read was deleted on 2026-05-01 10:00 UTC and will be purged between 2026-05-08 and 2026-05-31: its recovery window is 7 to 30 days (30 unless chosen otherwise), and AWS does not tell which.',
    );
    const read = status.roles.find(r => r.role === 'read')!;
    expect(read.secretsManagerSecret).toMatchObject({
      state: 'warning',
      deletionDate: '2026-05-01T10:00:00.000Z',
      purgeWindow: {
        earliest: '2026-05-08T10:00:00.000Z',
        latest: '2026-05-31T10:00:00.000Z',
      },
    });
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
    withoutKubernetesSecret(facts, 'write');
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

  it('folds the resource failing on the scheduled secret under it', () => {
    const facts = healthyFacts();
    scheduleForDeletion(facts, 'read');
    if (facts.resource.ok && facts.resource.value) {
      facts.resource.value.conditions = [
        { type: 'Ready', status: 'True', reason: 'Available' },
        {
          type: 'Synced',
          status: 'False',
          reason: 'ReconcileError',
          message:
            "cannot create Secrets Manager secret customer/idp-dev/idp-dev-orders-read: You can't create this secret because a secret with this name is already scheduled for deletion.",
        },
      ];
    }
    expect(folded(facts)).toEqual([
      'secrets-manager-secret-scheduled-for-deletion',
      'resource-not-ready < secrets-manager-secret-scheduled-for-deletion',
    ]);
  });
});

describe('chart-below-0-5-0', () => {
  it('gives the manual’s whole procedure with this database’s resource, and the upgrade template', () => {
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
    expect(formDataOf(found.fix.link?.url)).toEqual({
      template: '/create/templates/default/upgrade-postgres-database',
      formData: {
        database: { namespace: 'idp-dev', name: 'orders' },
        chartVersion: '0.5.0',
      },
    });
  });

  it('reads the version from the apps repo when it knows the definition', () => {
    const facts = inAppsRepo(healthyFacts(), {
      definition: definitionOf(
        { namespace: 'idp-dev', name: 'orders' },
        { chartVersion: '0.4.1' },
      ),
    });
    expect(detected(facts).map(e => [e.id, e.detail])).toEqual([
      [
        'chart-below-0-5-0',
        'idp-dev/orders/application.yaml deploys chart 0.4.1.',
      ],
    ]);
  });

  it('ignores a version it cannot read', () => {
    const facts = healthyFacts();
    if (facts.resource.ok && facts.resource.value) {
      facts.resource.value.chartVersion = 'latest';
    }
    expect(detected(facts)).toEqual([]);
  });
});

describe('removed-from-apps-repo-but-protected', () => {
  function removedProtected() {
    const facts = inAppsRepo(
      healthyFacts({ namespace: 'demo-prod', name: 'billing' }),
      {
        definition: undefined,
        owner: {
          entityRef: 'group:default/team-shop',
          source: 'apps-repo-before-removal',
        },
        description: 'Invoices',
      },
    );
    facts.resource = { ok: true, value: undefined };
    for (const role of DATABASE_ROLES) withoutKubernetesSecret(facts, role);
    facts.grants = { ok: false, reason: 'no admin credentials', skipped: true };
    return facts;
  }

  it('is the cause, with the missing secrets folded under it and the create template prefilled', () => {
    const status = evaluateStatus(removedProtected());
    expect(
      status.knownErrors.map(e =>
        e.causedBy ? `${e.id} < ${e.causedBy}` : e.id,
      ),
    ).toEqual([
      'removed-from-apps-repo-but-protected',
      'kubernetes-secrets-missing < removed-from-apps-repo-but-protected',
    ]);
    const [removed] = status.knownErrors;
    expect(removed.detail).toBe(
      'The apps repo no longer defines demo-prod/billing and there is no postgresqldatabases resource, but Secrets Manager still holds customer/demo-prod/demo-prod-billing-admin, customer/demo-prod/demo-prod-billing-write, customer/demo-prod/demo-prod-billing-read. The Kubernetes secrets demo-prod-billing-admin, demo-prod-billing-write, demo-prod-billing-read are missing, so apps using them cannot start.',
    );
    expect(removed.fix.steps[1]).toMatch(
      /^Until that pull request is merged and synced, restore the Kubernetes secrets/,
    );
    expect(formDataOf(removed.fix.link?.url)).toEqual({
      template: '/create/templates/default/create-postgres-database',
      formData: {
        database: { namespace: 'demo-prod', name: 'billing' },
        deletionProtection: true,
        owner: 'group:default/team-shop',
        description: 'Invoices',
      },
    });
    expect(status.resource).toEqual({
      state: 'warning',
      reason:
        'There is no postgresqldatabases demo-prod/billing: its definition was removed from the apps repo, so ArgoCD deleted it; the database and its Secrets Manager secrets were kept.',
      conditions: [],
    });
  });

  it('after the manual’s restore: a warning that names the cause, not red for ever', () => {
    const facts = removedProtected();
    const secrets = healthyFacts({ namespace: 'demo-prod', name: 'billing' });
    for (const role of DATABASE_ROLES) facts.roles[role] = secrets.roles[role];
    facts.grants = secrets.grants;
    const status = evaluateStatus(facts);
    expect(status.state).toBe('warning');
    expect(status.knownErrors.map(e => e.id)).toEqual([
      'removed-from-apps-repo-but-protected',
    ]);
    expect(status.knownErrors[0].fix.steps[1]).toBe(
      'The Kubernetes secrets are there, so apps using them keep working until the pull request is merged and synced.',
    );
  });

  it('is not the unprotected case: secrets only scheduled for deletion are', () => {
    const facts = removedProtected();
    for (const role of DATABASE_ROLES) scheduleForDeletion(facts, role);
    expect(folded(facts)).toEqual([
      'kubernetes-secrets-missing',
      'secrets-manager-secret-scheduled-for-deletion',
    ]);
  });

  it('is not concluded while the inventory has not read the apps repo', () => {
    const facts = removedProtected();
    facts.platform.appsRepo = undefined;
    expect(detected(facts).map(e => e.id)).toEqual([
      'kubernetes-secrets-missing',
    ]);
  });
});

describe('chart-values-rejected-by-schema', () => {
  const ref = { namespace: 'demo-dev', name: 'analytics' };

  function rejected(keys: string[], message?: string) {
    const facts = inAppsRepo(healthyFacts(ref), {
      definition: definitionOf(ref, {
        chartVersion: '1.0.4',
        rejectedValuesKeys: keys,
      }),
    });
    if (facts.resource.ok && facts.resource.value) {
      facts.resource.value.conditions = [
        {
          type: 'Ready',
          status: 'False',
          reason: 'Unavailable',
          message: 'The application has not synced',
        },
        {
          type: 'Synced',
          status: 'False',
          reason: 'ReconcileError',
          message: message ?? 'values rejected',
        },
      ];
    }
    for (const role of DATABASE_ROLES) withoutKubernetesSecret(facts, role);
    return facts;
  }

  it('names the key and the file, and folds the resource error under it', () => {
    const facts = rejected(
      ['replicas'],
      'values don\'t meet the specifications of the schema: additional property "replicas" is not allowed',
    );
    const status = evaluateStatus(facts);
    expect(
      status.knownErrors.map(e =>
        e.causedBy ? `${e.id} < ${e.causedBy}` : e.id,
      ),
    ).toEqual([
      'chart-values-rejected-by-schema',
      'kubernetes-secrets-missing < chart-values-rejected-by-schema',
      'resource-not-ready < chart-values-rejected-by-schema',
    ]);
    const [values] = status.knownErrors;
    expect(values.detail).toBe(
      'ArgoCD cannot render `demo-dev/analytics/values.yaml`: chart 1.0.4 does not allow `replicas`. The resource says: values don\'t meet the specifications of the schema: additional property "replicas" is not allowed',
    );
    expect(values.fix.steps[0]).toBe(
      'Remove `replicas` from `demo-dev/analytics/values.yaml`. Commit and let ArgoCD sync; nothing in the cluster changed while the values were rejected.',
    );
    expect(values.fix.link).toEqual({
      title: 'Edit demo-dev/analytics/values.yaml',
      url: 'https://github.com/org/apps/blob/main/demo-dev/analytics/values.yaml',
    });
  });

  it('reads the key from the resource when the apps repo is not known', () => {
    const facts = rejected(
      [],
      'Database "analytics": chart 0.5.0 does not know the key "replicas"',
    );
    facts.platform.appsRepo = undefined;
    const [values] = detected(facts);
    expect([values.id, values.fix.steps[0], values.fix.link]).toEqual([
      'chart-values-rejected-by-schema',
      'Remove `replicas` from the values file of demo-dev/analytics. Commit and let ArgoCD sync; nothing in the cluster changed while the values were rejected.',
      undefined,
    ]);
  });

  it('says to use mode for deletionProtection on chart 1.0', () => {
    const facts = rejected(['postgresqlDatabases[0].deletionProtection']);
    expect(detected(facts)[0].fix.steps[0]).toMatch(
      /^Replace `postgresqlDatabases\[0\]\.deletionProtection` with `mode` \(protected or standard\) in `demo-dev\/analytics\/values.yaml`\./,
    );
  });

  it('leaves a failing resource that names no values alone', () => {
    const facts = rejected([], 'cannot connect to the cluster');
    facts.platform.appsRepo!.definition!.rejectedValuesKeys = undefined;
    expect(detected(facts).map(e => e.id)).toEqual([
      'kubernetes-secrets-missing',
      'resource-not-ready',
    ]);
  });
});

describe('unprotected-production-database', () => {
  const ref = { namespace: 'shop-prod', name: 'orders' };

  function production(definition = definitionOf(ref)) {
    const facts = inAppsRepo(healthyFacts(ref), { definition });
    facts.platform.production = true;
    return facts;
  }

  it('links the protect template for an unprotected production database', () => {
    const [found] = detected(production());
    expect(found.id).toBe('unprotected-production-database');
    expect(found.detail).toBe(
      'shop-prod is a production namespace, and shop-prod/orders/values.yaml (chart 0.5.0) does not protect orders: removing the definition would delete the database and its data.',
    );
    expect(formDataOf(found.fix.link?.url)).toEqual({
      template: '/create/templates/default/protect-postgres-database',
      formData: {
        database: { namespace: 'shop-prod', name: 'orders' },
        protect: true,
      },
    });
  });

  it('sends chart 0.4.1 to the upgrade first, since it cannot protect', () => {
    const found = detected(
      production(definitionOf(ref, { chartVersion: '0.4.1' })),
    );
    expect(found.map(e => e.id)).toEqual([
      'chart-below-0-5-0',
      'unprotected-production-database',
    ]);
    expect(found[1].fix.steps[0]).toMatch(/^Chart 0.4.1 cannot protect/);
    expect(formDataOf(found[1].fix.link?.url).template).toBe(
      '/create/templates/default/upgrade-postgres-database',
    );
  });

  it('is quiet for a protected one, and outside production', () => {
    expect(
      detected(production(definitionOf(ref, { protected: true }))),
    ).toEqual([]);
    const facts = production();
    facts.platform.production = false;
    expect(detected(facts)).toEqual([]);
  });
});
